namespace NestedVirt.Harness.Processes;

/// <summary>The real <see cref="IGitRunner"/>: the <c>git</c> executable through an <see cref="IProcessRunner"/>.</summary>
public sealed class ProcessGitRunner : IGitRunner
{
    private readonly IProcessRunner processes;

    /// <summary>Creates a git runner on top of <paramref name="processes"/>.</summary>
    /// <param name="processes">Process runner.</param>
    public ProcessGitRunner(IProcessRunner processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        this.processes = processes;
    }

    /// <inheritdoc/>
    public ProcessResult Run(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        processes.Run("git", arguments, workingDirectory, cancellationToken);
}
