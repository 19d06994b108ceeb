namespace NestedVirt.Harness.Processes;

/// <summary>
/// Runs a child process to completion: the one way the harness starts git, dotnet, valgrind, cc,
/// rsvg-convert and its own drivers. Injected so tests can fake every one of them.
/// </summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="request"/> and waits for it.</summary>
    /// <param name="request">Program, arguments, folder, environment and time limit.</param>
    /// <param name="cancellationToken">Cancelling kills the child (and its children) and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>Exit code and captured output; <see cref="ProcessResult.TimedOut"/> when the time limit killed it.</returns>
    /// <exception cref="Cli.HarnessException">The program could not be started.</exception>
    ProcessResult Run(ProcessRequest request, CancellationToken cancellationToken);
}
