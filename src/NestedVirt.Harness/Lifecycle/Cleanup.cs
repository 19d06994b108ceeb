namespace NestedVirt.Harness.Lifecycle;

/// <summary>One entry of a <see cref="CleanupList"/>: runs once, then leaves the list.</summary>
public sealed class Cleanup : IDisposable
{
    private readonly CleanupList owner;
    private readonly Action action;
    private readonly object gate = new();
    private bool ran;

    internal Cleanup(CleanupList owner, string what, Action action)
    {
        this.owner = owner;
        this.action = action;
        What = what;
    }

    /// <summary>What the entry removes.</summary>
    public string What { get; }

    /// <summary>Runs the action unless it already ran (waiting if another thread is running it).</summary>
    /// <returns><see cref="What"/> when this call ran it, "could not remove ...: reason" when it failed, null when it had run already.</returns>
    public string? Run()
    {
        lock (gate)
        {
            if (ran)
            {
                return null;
            }

            ran = true;
            try
            {
                action();
                return What;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return $"could not remove {What}: {ex.Message}";
            }
            finally
            {
                owner.Forget(this);
            }
        }
    }

    /// <summary>Forgets the entry without running it (the thing it would remove is meant to stay).</summary>
    public void Forget()
    {
        lock (gate)
        {
            ran = true;
            owner.Forget(this);
        }
    }

    /// <summary>Runs the action now if it has not run, and forgets the entry.</summary>
    public void Dispose() => Run();
}
