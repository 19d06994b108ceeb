using System.ComponentModel;
using System.Diagnostics;

namespace NestedVirt.Harness.Git;

/// <summary>
/// Runs one <c>git</c> command with a timeout and captures its standard output. A missing git,
/// a missing folder, or a timeout yields null rather than an exception: callers report
/// "unknown" instead of failing a benchmark run.
/// </summary>
internal static class GitProcess
{
    /// <summary>Exit code and standard output of a finished git command.</summary>
    /// <param name="ExitCode">The process exit code.</param>
    /// <param name="Output">Standard output, trailing whitespace removed.</param>
    internal readonly record struct Result(int ExitCode, string Output);

    /// <summary>Runs <c>git &lt;arguments&gt;</c> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="executable">The git program (a name on PATH or a path).</param>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="timeout">How long to wait before killing it.</param>
    /// <param name="arguments">Arguments, passed without a shell.</param>
    /// <returns>The result, or null when git could not run or timed out.</returns>
    public static Result? Run(string executable, string workingDirectory, TimeSpan timeout, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never prompt for credentials, never take the index lock just to refresh stat data
        // (a benchmark run must not disturb a concurrent git in the same checkout), and keep
        // messages in English so nothing parses localized text.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["LC_ALL"] = "C";

        try
        {
            using Process process = Process.Start(start)!;
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                TryKill(process);
                return null;
            }

            process.WaitForExit();
            Task.WaitAll(output, error);
            return new Result(process.ExitCode, output.Result.TrimEnd());
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }
}
