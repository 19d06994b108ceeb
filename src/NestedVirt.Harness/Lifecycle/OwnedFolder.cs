using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// A folder that is meant to stay (a run's artifacts folder), but only once the work that fills
/// it has finished. Until <see cref="Keep"/> it holds an owner file (as a
/// <see cref="TemporaryFolder"/> does) and a signal removes it, so an interrupted run leaves no
/// half-filled folder; after a SIGKILL, <see cref="Leftovers.SweepOwned"/> removes it. A folder
/// that existed before is never removed, only its owner file.
/// </summary>
public sealed class OwnedFolder : IDisposable
{
    private readonly Cleanup cleanup;
    private readonly string ownerFile;

    private OwnedFolder(string path, Cleanup cleanup)
    {
        Path = path;
        this.cleanup = cleanup;
        ownerFile = System.IO.Path.Combine(path, TemporaryFolder.OwnerFileName);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates the folder (or takes an existing one) and marks it as in progress.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="interruption">Removes it on a signal.</param>
    /// <exception cref="HarnessException">It cannot be created or written, or another running nvbench is filling it (one line naming it).</exception>
    public static OwnedFolder Create(string path, Interruption interruption) =>
        InUseBy(path) is ProcessIdentity other
            ? throw new HarnessException($"folder '{path}' is in use by another nvbench (pid {other.Pid}); give this run another one")
            : Take(path, interruption);

    /// <summary>
    /// As <see cref="Create"/> for the first of <c>path</c>, <c>path-2</c>, <c>path-3</c>, ... that no
    /// running nvbench is filling (two runs started in the same second get the same default name).
    /// </summary>
    /// <param name="path">The preferred folder.</param>
    /// <param name="interruption">Removes it on a signal.</param>
    public static OwnedFolder CreateFree(string path, Interruption interruption)
    {
        for (int attempt = 1; attempt < 1000; attempt++)
        {
            string candidate = attempt == 1 ? path : $"{path}-{attempt}";
            if (InUseBy(candidate) is null)
            {
                return Take(candidate, interruption);
            }
        }

        throw new HarnessException($"no free folder next to '{path}'");
    }

    // The live process (not this one) whose owner file is in the folder, or null.
    private static ProcessIdentity? InUseBy(string path)
    {
        try
        {
            string text = File.ReadAllText(System.IO.Path.Combine(path, TemporaryFolder.OwnerFileName));
            return ProcessIdentity.TryParse(text, out ProcessIdentity owner) && owner.Pid != Environment.ProcessId && owner.IsAlive() ? owner : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static OwnedFolder Take(string path, Interruption interruption)
    {
        ArgumentNullException.ThrowIfNull(interruption);
        bool existed = Directory.Exists(path);
        string owner = System.IO.Path.Combine(path, TemporaryFolder.OwnerFileName);
        Cleanup cleanup = interruption.OnInterrupt($"unfinished folder {path}", () =>
        {
            if (existed)
            {
                File.Delete(owner);
            }
            else
            {
                TemporaryFolder.DeleteTree(path);
            }
        });
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllText(owner, ProcessIdentity.Current + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cleanup.Dispose();
            throw new HarnessException($"folder '{path}' cannot be created: {e.Message}", innerException: e);
        }

        return new OwnedFolder(path, cleanup);
    }

    /// <summary>The work finished: the folder stays, without its owner file.</summary>
    public void Keep()
    {
        cleanup.Forget();
        try
        {
            File.Delete(ownerFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder stays either way; a stale owner file only lets the sweep remove it later.
        }
    }

    /// <summary>Without <see cref="Keep"/>, the work did not finish: the folder goes as on a signal.</summary>
    public void Dispose() => cleanup.Dispose();
}
