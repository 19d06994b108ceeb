using System.Diagnostics;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Instructions;

/// <summary>The real <see cref="IToolRunner"/>: <see cref="Process"/> with both streams captured.</summary>
public sealed class SystemToolRunner : IToolRunner
{
    /// <summary>The shared instance.</summary>
    public static SystemToolRunner Instance { get; } = new();

    /// <inheritdoc/>
    public ToolResult Run(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        ProcessStartInfo start = SystemProcessRunner.CreateStartInfo(fileName, arguments, workingDirectory);
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new IOException($"could not start {fileName}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
