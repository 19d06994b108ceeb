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
    /// <param name="Error">Standard error, trailing whitespace removed.</param>
    internal readonly record struct Result(int ExitCode, string Output, string Error = "");

    /// <summary>Runs <c>git &lt;arguments&gt;</c> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="executable">The git program (a name on PATH or a path).</param>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="timeout">How long to wait before killing it.</param>
    /// <param name="arguments">Arguments, passed without a shell.</param>
    /// <param name="input">Written to git's standard input (plumbing such as fast-import and update-index reads it), or null.</param>
    /// <param name="environment">Extra environment variables (GIT_INDEX_FILE, author identity), or null.</param>
    /// <returns>The result, or null when git could not run or timed out.</returns>
    public static Result? Run(
        string executable, string workingDirectory, TimeSpan timeout, IReadOnlyList<string> arguments,
        string? input = null, IReadOnlyDictionary<string, string>? environment = null)
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
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                TryKill(process);
                return null;
            }

            process.WaitForExit();
            Task.WaitAll(output, error);
            return new Result(process.ExitCode, output.Result.TrimEnd(), error.Result.TrimEnd());
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
