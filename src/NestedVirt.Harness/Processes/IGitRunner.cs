namespace NestedVirt.Harness.Processes;

/// <summary>
/// Runs git for an A/B session (revision lookup, worktree add and remove). Injected so tests can
/// fake worktrees without a repository; other read-only questions go through
/// <see cref="Git.GitReader"/>.
/// </summary>
public interface IGitRunner
{
    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="arguments">Arguments after <c>git</c>.</param>
    /// <param name="workingDirectory">Repository or worktree folder.</param>
    /// <param name="cancellationToken">Cancels the call (cleanup passes <see cref="CancellationToken.None"/>).</param>
    ProcessResult Run(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);
}
