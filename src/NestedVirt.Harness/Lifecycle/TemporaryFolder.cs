using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// A folder a verb works in (BenchmarkDotNet artifacts, callgrind output, A/B worktrees):
/// <c>$TMPDIR/nvbench-&lt;kind&gt;-&lt;random&gt;/</c>, deleted when disposed or when the process
/// is interrupted. Its first file, <see cref="OwnerFileName"/>, names the process that made it,
/// so after a SIGKILL the next run can tell it is abandoned (<see cref="Leftovers"/>).
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>The owner file's name: it holds the creating process's <see cref="ProcessIdentity"/>.</summary>
    public const string OwnerFileName = ".nvbench-owner";

    /// <summary>The prefix of every such folder's name.</summary>
    public const string Prefix = "nvbench-";

    private readonly Cleanup cleanup;
    private readonly Interruption interruption;

    private TemporaryFolder(string path, Cleanup cleanup, Interruption interruption)
    {
        Path = path;
        this.cleanup = cleanup;
        this.interruption = interruption;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Creates the folder under <paramref name="parent"/> (the system temporary folder by default).</summary>
    /// <param name="kind">A word for the name (<c>run</c>, <c>ab</c>, <c>icount</c>).</param>
    /// <param name="interruption">Removes the folder on a signal.</param>
    /// <param name="parent">Where to create it; <see cref="System.IO.Path.GetTempPath"/> (TMPDIR) when null.</param>
    /// <returns>The folder.</returns>
    /// <exception cref="HarnessException">The parent is missing or not writable (one line naming it and TMPDIR).</exception>
    public static TemporaryFolder Create(string kind, Interruption interruption, string? parent = null)
    {
        ArgumentNullException.ThrowIfNull(interruption);
        string root = parent ?? System.IO.Path.GetTempPath();
        string hint = parent is null ? " (TMPDIR; set it to a writable folder)" : "";
        if (!Directory.Exists(root))
        {
            // Never create it: a mistyped TMPDIR would silently become a new folder tree.
            throw new HarnessException($"temporary folder '{root}'{hint} does not exist or is not a folder");
        }

        string path = System.IO.Path.Combine(root, $"{Prefix}{kind}-{Guid.NewGuid().ToString("N")[..12]}");
        Cleanup cleanup = interruption.OnInterrupt($"temporary folder {path}", () => DeleteTree(path));
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllText(System.IO.Path.Combine(path, OwnerFileName), ProcessIdentity.Current + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cleanup.Dispose();
            throw new HarnessException($"cannot create a temporary folder in '{root}'{hint}: {ex.Message}", innerException: ex);
        }

        return new TemporaryFolder(path, cleanup, interruption);
    }

    /// <summary>Keeps the folder (it then holds something the user was told about) and stops tracking it; after a signal it goes anyway.</summary>
    public void Keep()
    {
        if (interruption.Requested)
        {
            return;
        }

        try
        {
            File.Delete(System.IO.Path.Combine(Path, OwnerFileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the owner file the sweep never touches it; with it, worst case it goes later.
        }

        cleanup.Forget();
    }

    /// <summary>Deletes the folder and everything in it (once).</summary>
    public void Dispose() => cleanup.Dispose();

    /// <summary>Deletes a folder tree; a folder already gone is fine.</summary>
    /// <param name="path">The folder.</param>
    internal static void DeleteTree(string path)
    {
        // On a signal the interrupted thread may still be writing here (BenchmarkDotNet's log):
        // a file created between the listing and the last rmdir makes "directory not empty".
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(20 * attempt);
            }
        }
    }
}
