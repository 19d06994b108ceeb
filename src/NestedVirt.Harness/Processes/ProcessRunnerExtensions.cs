namespace NestedVirt.Harness.Processes;

/// <summary>The common shapes of a <see cref="ProcessRequest"/>: a plain program and git.</summary>
public static class ProcessRunnerExtensions
{
    // Never prompt for credentials, never take the index lock just to refresh stat data (a
    // benchmark run must not disturb a concurrent git in the same checkout), and keep messages
    // in English so nothing parses localized text.
    /// <summary>The environment every git command runs with.</summary>
    internal static readonly IReadOnlyDictionary<string, string> GitEnvironment = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_OPTIONAL_LOCKS"] = "0",
        ["LC_ALL"] = "C",
    };

    /// <summary>Runs <paramref name="fileName"/> with the inherited environment and no time limit.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="fileName">Program to start.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Its working folder.</param>
    /// <param name="cancellationToken">Kills the child when cancelled.</param>
    /// <returns>Exit code and output.</returns>
    public static ProcessResult Run(this IProcessRunner runner, string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return runner.Run(new ProcessRequest(fileName, arguments, workingDirectory), cancellationToken);
    }

    /// <summary>Runs <c>git</c> non-interactively, without optional locks, in the C locale.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="arguments">Arguments after <c>git</c>.</param>
    /// <param name="workingDirectory">Repository or worktree folder.</param>
    /// <param name="cancellationToken">Kills git when cancelled (cleanup passes <see cref="CancellationToken.None"/>).</param>
    /// <param name="timeout">Optional time limit.</param>
    /// <param name="executable">The git program; <c>git</c> from PATH by default.</param>
    /// <returns>Exit code and output.</returns>
    public static ProcessResult Git(this IProcessRunner runner, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken, TimeSpan? timeout = null, string executable = "git")
    {
        ArgumentNullException.ThrowIfNull(runner);
        return runner.Run(new ProcessRequest(executable, arguments, workingDirectory) { Environment = GitEnvironment, Timeout = timeout }, cancellationToken);
    }

    /// <summary>True when <paramref name="request"/> starts git (for fakes that answer git and dotnet differently).</summary>
    /// <param name="request">The request.</param>
    public static bool IsGit(this ProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Path.GetFileNameWithoutExtension(request.FileName) == "git";
    }
}
