using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Git;

/// <summary>
/// One <c>git</c> command through the harness's one process runner (<see cref="SystemProcessRunner"/>)
/// with a timeout, git's non-interactive environment (<see cref="ProcessRunnerExtensions.Git"/>),
/// optional standard input and extra variables. A missing git, a missing folder, or a timeout
/// yields null rather than an exception: callers report "unknown" or their own one-line error.
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
        var variables = new Dictionary<string, string>(ProcessRunnerExtensions.GitEnvironment, StringComparer.Ordinal);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        try
        {
            ProcessResult result = SystemProcessRunner.Instance.Run(
                new ProcessRequest(executable, arguments, workingDirectory) { Environment = variables, Timeout = timeout, Input = input },
                CancellationToken.None);
            return result.TimedOut ? null : new Result(result.ExitCode, result.StandardOutput.TrimEnd(), result.StandardError.TrimEnd());
        }
        catch (HarnessException)
        {
            return null;
        }
    }
}
