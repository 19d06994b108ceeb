using System.ComponentModel;
using System.Diagnostics;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Processes;

/// <summary>
/// The real <see cref="IProcessRunner"/>: <see cref="Process"/> with both output streams
/// captured and standard input given the request's text, then closed (a child that asks for
/// more gets end-of-file instead of hanging a benchmark run). Cancellation and the time limit
/// kill the whole process tree.
/// </summary>
public sealed class SystemProcessRunner : IProcessRunner
{
    /// <summary>The shared instance.</summary>
    public static SystemProcessRunner Instance { get; } = new();

    /// <inheritdoc/>
    public ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        using Process process = Start(CreateStartInfo(request), request.FileName);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        WriteInput(process, request.Input);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Timeout is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        try
        {
            process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C, a cancelled session or the time limit: leave no build, benchmark or git
            // running behind us.
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new ProcessResult(-1, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult()) { TimedOut = true };
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    // A child that exits without reading all its input closes the pipe: that is its answer, not our error.
    private static void WriteInput(Process process, string? input)
    {
        try
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }

    private static ProcessStartInfo CreateStartInfo(ProcessRequest request)
    {
        var start = new ProcessStartInfo(request.FileName)
        {
            WorkingDirectory = request.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in request.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in request.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    // A missing program (dotnet, git or valgrind not on PATH) or a missing working folder is the
    // user's to fix, not a bug.
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

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }

        process.WaitForExit();
    }
}
