using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// The one way every long verb reacts to SIGINT (Ctrl-C), SIGTERM (<c>kill</c>, <c>timeout</c>,
/// CI cancellation) and SIGHUP (a closed terminal or SSH session): stop the child processes,
/// remove what the run created (<see cref="Cleanups"/>), and exit with 128 + the signal number
/// (130, 143, 129), the shell convention, so scripts can tell "interrupted" from "bad input" (2).
/// <para>
/// A verb that watches <see cref="Token"/> and unwinds by itself (<c>ab</c>, <c>canary</c>)
/// declares it with <see cref="Cooperate"/>; the handler then gives it <see cref="Grace"/> to
/// return through the dispatcher, which calls <see cref="Finish"/>. Otherwise (a BenchmarkDotNet
/// run cannot be cancelled) the handler cleans up and exits at once. A second signal never
/// waits. Nothing here survives SIGKILL; <see cref="Leftovers"/> removes what such a run left.
/// </para>
/// </summary>
public sealed class Interruption
{
    /// <summary>The signals handled, all alike.</summary>
    public static readonly IReadOnlyList<PosixSignal> Signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly object gate = new();
    private readonly CancellationTokenSource cancel = new();
    private readonly TextWriter error;
    private readonly Func<int> stopChildren;
    private readonly Action<int> exit;
    private readonly List<PosixSignalRegistration> registrations = [];
    private PosixSignal? signal;
    private int cooperating;
    private int stopped;
    private bool reported;

    /// <summary>Creates an interruption state (tests make their own; the process uses <see cref="Current"/>).</summary>
    /// <param name="error">Where the one-line messages go.</param>
    /// <param name="stopChildren">Stops child processes and returns how many; default: <see cref="ChildProcesses.StopAll"/>.</param>
    /// <param name="exit">Ends the process; default: <see cref="Environment.Exit"/>.</param>
    public Interruption(TextWriter error, Func<int>? stopChildren = null, Action<int>? exit = null)
    {
        this.error = error;
        this.stopChildren = stopChildren ?? ChildProcesses.StopAll;
        this.exit = exit ?? Environment.Exit;
    }

    /// <summary>The process's state; <see cref="Install"/> connects it to the real signals.</summary>
    public static Interruption Current { get; } = new(Console.Error);

    /// <summary>How long a cooperating verb gets to unwind before the handler cleans up and exits anyway.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What to remove if the process is interrupted.</summary>
    public CleanupList Cleanups { get; } = new();

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => cancel.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Signal
    {
        get
        {
            lock (gate)
            {
                return signal;
            }
        }
    }

    /// <summary>True once a signal arrived.</summary>
    public bool Requested => Signal is not null;

    /// <summary>128 + the signal number once a signal arrived, else 0.</summary>
    public int ExitCode => Signal is PosixSignal s ? ExitCodeOf(s) : 0;

    /// <summary>The shell's exit status for a process ended by <paramref name="signal"/>: 128 + its number (Linux <c>asm-generic/signal.h</c>).</summary>
    /// <param name="signal">One of <see cref="Signals"/>.</param>
    public static int ExitCodeOf(PosixSignal signal) => 128 + signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => 0,
    };

    /// <summary>Handles the real signals from now on (once per process; later calls do nothing).</summary>
    public void Install()
    {
        lock (gate)
        {
            if (registrations.Count > 0)
            {
                return;
            }

            foreach (PosixSignal s in Signals)
            {
                registrations.Add(PosixSignalRegistration.Create(s, context =>
                {
                    // Keep the runtime from terminating the process: we exit ourselves, cleaned up.
                    context.Cancel = true;
                    Raise(context.Signal);
                }));
            }
        }
    }

    /// <summary>Declares that the running verb watches <see cref="Token"/> and returns by itself when it is cancelled.</summary>
    /// <returns>Disposing ends the declaration.</returns>
    public IDisposable Cooperate()
    {
        Interlocked.Increment(ref cooperating);
        return new Scope(() => Interlocked.Decrement(ref cooperating));
    }

    /// <summary>Registers something to remove if the process is interrupted.</summary>
    /// <param name="what">What it is, for the final message.</param>
    /// <param name="action">Removes it; must tolerate it being gone.</param>
    /// <returns>Disposing runs the action now (once) and forgets it.</returns>
    public Cleanup OnInterrupt(string what, Action action) => Cleanups.Add(what, action);

    /// <summary>Throws <see cref="OperationCanceledException"/> once a signal arrived.</summary>
    public void ThrowIfRequested() => cancel.Token.ThrowIfCancellationRequested();

    /// <summary>What the signal handler does; tests call it directly.</summary>
    /// <param name="received">The signal.</param>
    public void Raise(PosixSignal received)
    {
        bool first;
        lock (gate)
        {
            first = signal is null;
            signal ??= received;
        }

        if (!first)
        {
            // A second Ctrl-C means "now": no more waiting for the verb.
            Terminate();
            return;
        }

        error.WriteLine($"nvbench: {received} received: stopping child processes and removing temporary files");
        try
        {
            cancel.Cancel();
        }
        catch (AggregateException)
        {
            // A token callback failed; cleanup below still runs.
        }

        Interlocked.Add(ref stopped, stopChildren());
        if (Volatile.Read(ref cooperating) == 0)
        {
            Terminate();
            return;
        }

        _ = Task.Delay(Grace).ContinueWith(_ => Terminate(), TaskScheduler.Default);
    }

    /// <summary>
    /// Called by the dispatcher when the verb returned or threw after a signal: removes whatever is
    /// still registered, prints the final line, and gives the exit code.
    /// </summary>
    /// <returns><see cref="ExitCode"/>.</returns>
    public int Finish()
    {
        IReadOnlyList<string> removed = Cleanups.RunAll();
        Report(removed);
        return ExitCode;
    }

    private void Terminate()
    {
        int code = Finish();
        error.Flush();
        Console.Out.Flush();
        exit(code);
    }

    private void Report(IReadOnlyList<string> removed)
    {
        lock (gate)
        {
            if (reported && removed.Count == 0)
            {
                return;
            }

            reported = true;
        }

        string children = Volatile.Read(ref stopped) is int n and > 0 ? $"; stopped {n} child process(es)" : "";
        string what = removed.Count > 0 ? $"; removed {string.Join(", ", removed)}" : "";
        error.WriteLine($"nvbench: interrupted by {Signal}{children}{what}");
    }

    private sealed class Scope(Action end) : IDisposable
    {
        private Action? end = end;

        public void Dispose() => Interlocked.Exchange(ref end, null)?.Invoke();
    }
}
