namespace NestedVirt.Harness.Processes;

/// <summary>Runs a child process to completion. Injected so tests can fake builds and benchmark runs.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> and waits for it.</summary>
    /// <param name="fileName">Program to start (looked up on PATH).</param>
    /// <param name="arguments">Arguments, passed without shell interpretation.</param>
    /// <param name="workingDirectory">Working directory of the child.</param>
    /// <param name="cancellationToken">Cancelling kills the child (and its children) and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Exit code and captured output.</returns>
    /// <exception cref="Cli.HarnessException">The program could not be started.</exception>
    ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);
}
