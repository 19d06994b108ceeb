using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM and SIGHUP into a cancellation, for verbs that must clean up
/// (worktrees, temporary folders, child processes) before they exit. The signal's default
/// action (immediate termination) is cancelled, so the verb's <c>finally</c> blocks run; the
/// verb then ends with its own one-line message. Dispose to restore the default handling.
/// One home for this, so every long verb handles the same signals the same way.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly List<PosixSignalRegistration> registrations = [];

    /// <summary>Registers the handlers.</summary>
    public ShutdownSignals()
    {
        foreach (PosixSignal signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // SIGHUP does not exist on Windows; the others are mapped by the runtime.
            }
        }
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>Acts as if <paramref name="signal"/> had arrived (tests; the runtime calls the same path).</summary>
    /// <param name="signal">The signal.</param>
    public void Raise(PosixSignal signal)
    {
        Received ??= signal;
        source.Cancel();
    }

    /// <summary>The signal's conventional name, e.g. <c>SIGTERM</c>, <c>Ctrl-C</c> for SIGINT, <c>nothing</c> before any signal.</summary>
    public string ReceivedName => Received switch
    {
        PosixSignal.SIGINT => "Ctrl-C",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGHUP => "SIGHUP",
        null => "nothing",
        _ => Received.ToString()!,
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive: the verb cancels, cleans up, and exits with its own message.
        context.Cancel = true;
        Raise(context.Signal);
    }
}
