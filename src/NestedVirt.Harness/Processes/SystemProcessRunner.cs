using System.ComponentModel;
using System.Diagnostics;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Processes;

/// <summary>The real <see cref="IProcessRunner"/>: <see cref="Process"/> with both streams captured.</summary>
public sealed class SystemProcessRunner : IProcessRunner
{
    /// <summary>The shared instance.</summary>
    public static SystemProcessRunner Instance { get; } = new();

    /// <inheritdoc/>
    public ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        cancellationToken.ThrowIfCancellationRequested();
        using Process process = Start(CreateStartInfo(fileName, arguments, workingDirectory), fileName);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or a cancelled session: do not leave a build or benchmark running behind us.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }

            process.WaitForExit();
            throw;
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>A start description with arguments passed verbatim and both output streams captured.</summary>
    internal static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    // A missing program (dotnet or git not on PATH) is the user's to fix, not a bug.
    private static Process Start(ProcessStartInfo start, string fileName)
    {
        try
        {
            return Process.Start(start) ?? throw new HarnessException($"could not start {fileName}");
        }
        catch (Win32Exception e)
        {
            throw new HarnessException($"could not start {fileName}: {e.Message}", innerException: e);
        }
    }
}
