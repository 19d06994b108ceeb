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
        TryTake(path, interruption, replaceStale: true, out ProcessIdentity other) ??
        throw new HarnessException(other.Pid == 0
            ? $"folder '{path}' is being claimed by another nvbench; give this run another one"
            : $"folder '{path}' is in use by another nvbench (pid {other.Pid}); give this run another one");

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
            if (TryTake(candidate, interruption, replaceStale: false, out _) is { } taken)
            {
                return taken;
            }
        }

        throw new HarnessException($"no free folder next to '{path}'");
    }

    // Claims the folder by creating its owner file exclusively, which only one process can do:
    // checking first and writing after let two runs started in the same second both take the
    // same folder. With replaceStale, an owner file
    // left by a dead process (or by this one) is replaced; without, any owner file means "taken"
    // (CreateFree then tries the next name, so two replacers can never race). Null, with the
    // owner when it is alive, when the folder is taken.
    private static OwnedFolder? TryTake(string path, Interruption interruption, bool replaceStale, out ProcessIdentity other)
    {
        ArgumentNullException.ThrowIfNull(interruption);
        other = default;
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
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    // O_CREAT|O_EXCL: exactly one process creates the file. (File.Move without
                    // overwrite is not that on Linux: .NET checks for the target, then renames.)
                    using var stream = new FileStream(owner, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                    stream.Write(System.Text.Encoding.ASCII.GetBytes(ProcessIdentity.Current + "\n"));
                    return new OwnedFolder(path, cleanup);
                }
                catch (IOException) when (File.Exists(owner) && attempt < 3)
                {
                    ProcessIdentity? live = OwnerOf(owner, out bool written);
                    if (live is not null || !written || !replaceStale)
                    {
                        // A live owner, or one still writing its line: taken.
                        cleanup.Forget();
                        other = live ?? default;
                        return null;
                    }

                    File.Delete(owner); // stale: its process is gone
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cleanup.Dispose();
            throw new HarnessException($"folder '{path}' cannot be created: {e.Message}", innerException: e);
        }
    }

    // The live process (not this one) named in an owner file, or null. written is false while
    // the file does not yet hold a whole identity and is young: its creator is still writing it.
    private static ProcessIdentity? OwnerOf(string ownerFile, out bool written)
    {
        written = true;
        try
        {
            string text = File.ReadAllText(ownerFile);
            if (!ProcessIdentity.TryParse(text, out ProcessIdentity owner))
            {
                written = DateTime.UtcNow - File.GetLastWriteTimeUtc(ownerFile) > TimeSpan.FromSeconds(10);
                return null;
            }

            return owner.Pid != Environment.ProcessId && owner.IsAlive() ? owner : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
