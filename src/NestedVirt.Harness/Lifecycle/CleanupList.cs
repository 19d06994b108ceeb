namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// What must be undone if the process is interrupted: temporary folders and files, worktrees.
/// Each entry runs at most once, whoever asks first: its owner on the normal path (disposing
/// the <see cref="Cleanup"/>), or the interrupt handler for everything still registered, newest
/// first. A second caller waits until the first has finished, so "cleaned up" is never said early.
/// </summary>
public sealed class CleanupList
{
    private readonly object gate = new();
    private readonly List<Cleanup> entries = [];

    /// <summary>Registers <paramref name="action"/>.</summary>
    /// <param name="what">What it removes, for the final message (<c>worktree nvbench-ab-1234/a</c>).</param>
    /// <param name="action">The cleanup; it must tolerate the thing being gone already.</param>
    /// <returns>The entry; disposing it runs the action now (if it has not run) and forgets it.</returns>
    public Cleanup Add(string what, Action action)
    {
        var entry = new Cleanup(this, what, action);
        lock (gate)
        {
            entries.Add(entry);
        }

        return entry;
    }

    /// <summary>How many entries are registered and not yet run.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Runs every registered entry, newest first.</summary>
    /// <returns>What was removed, and one "could not" line per failure.</returns>
    public IReadOnlyList<string> RunAll()
    {
        Cleanup[] pending;
        lock (gate)
        {
            pending = [.. entries];
        }

        var done = new List<string>();
        for (int i = pending.Length - 1; i >= 0; i--)
        {
            if (pending[i].Run() is { } outcome)
            {
                done.Add(outcome);
            }
        }

        return done;
    }

    internal void Forget(Cleanup entry)
    {
        lock (gate)
        {
            entries.Remove(entry);
        }
    }
}
