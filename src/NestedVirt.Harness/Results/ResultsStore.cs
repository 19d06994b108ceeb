using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// The <c>results/</c> folder: one JSON file per run under a folder per machine, written
/// atomically and never overwritten, then recorded in the results index; loading turns any bad
/// file into a one-line <see cref="HarnessException"/> naming it.
/// </summary>
public static class ResultsStore
{
    /// <summary>The folder under the results root that holds the CI gate's baseline, not runs.</summary>
    public const string BaselineFolderName = "baseline";

    /// <summary>Stores a run as <c>&lt;root&gt;/&lt;machine-id&gt;/&lt;time&gt;-&lt;short commit&gt;[-dirty][-N].json</c>.</summary>
    /// <param name="envelope">The run.</param>
    /// <param name="resultsRoot">The <c>results/</c> folder; created when missing.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="HarnessException">The folder or file cannot be written (nothing partial is left behind).</exception>
    public static string Write(ResultsEnvelope envelope, string resultsRoot) => Write(envelope, resultsRoot, null);

    /// <summary>Loads one results file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="HarnessException">Missing, unreadable, empty, truncated or corrupt file, wrong schema version, or missing required fields.</exception>
    public static ResultsEnvelope Load(string path) => ResultsReader.Load(path);

    /// <summary>
    /// Finds a results file from a path (absolute, relative to the current directory, or relative
    /// to <paramref name="resultsRoot"/>), a run id (file name without <c>.json</c>) or a unique
    /// prefix of one, searched in every machine folder.
    /// </summary>
    /// <param name="pathOrId">What the user typed.</param>
    /// <param name="resultsRoot">The <c>results/</c> folder.</param>
    /// <returns>The full path of the file.</returns>
    /// <exception cref="HarnessException">Nothing matches, or several do (at most 3 are listed).</exception>
    public static string Resolve(string pathOrId, string resultsRoot) => RunFinder.Resolve(pathOrId, resultsRoot);

    /// <summary>Every run stored for one machine, oldest first (see <see cref="StoredRunOrder"/>).</summary>
    /// <param name="resultsRoot">The <c>results/</c> folder.</param>
    /// <param name="machineId">The machine folder's name.</param>
    /// <returns>The runs; empty when the machine has none. Temporary files are skipped.</returns>
    /// <exception cref="HarnessException">A stored file is corrupt (it is named, never silently skipped).</exception>
    public static IReadOnlyList<StoredRun> ListRuns(string resultsRoot, string machineId)
    {
        ResultsFileName.ValidateMachineId(machineId);
        string folder = Path.Combine(resultsRoot, machineId);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var runs = new List<StoredRun>();
        foreach (string file in Directory.EnumerateFiles(folder, "*" + ResultsFileName.Extension))
        {
            if (ResultsFileName.IsStoredRun(Path.GetFileName(file)))
            {
                runs.Add(new StoredRun(Path.GetFullPath(file), ResultsReader.Load(file)));
            }
        }

        runs.Sort(StoredRunOrder.Compare);
        return runs;
    }

    /// <summary>The machine folders under the results root, sorted: folders holding at least one stored run (so never <c>baseline/</c>).</summary>
    /// <param name="resultsRoot">The <c>results/</c> folder.</param>
    /// <returns>Machine ids; empty when the folder does not exist.</returns>
    public static IReadOnlyList<string> ListMachines(string resultsRoot)
    {
        if (!Directory.Exists(resultsRoot))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories(resultsRoot))
        {
            string name = Path.GetFileName(dir);
            if (!name.StartsWith('.') && name != BaselineFolderName && HoldsStoredRun(dir))
            {
                ids.Add(name);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>As <see cref="Write(ResultsEnvelope, string)"/>, with a wrapper around the file stream so tests can inject a failure mid-write.</summary>
    internal static string Write(ResultsEnvelope envelope, string resultsRoot, Func<Stream, Stream>? wrapStream)
    {
        ResultsFileName.ValidateMachineId(envelope.MachineId);
        string folder = Path.Combine(resultsRoot, envelope.MachineId);
        bool created = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot create results folder '{folder}': {ex.Message}", innerException: ex);
        }

        string baseName = ResultsFileName.BaseName(envelope);
        string written;
        try
        {
            written = AtomicFileWriter.Write(
                folder,
                attempt => ResultsFileName.WithSuffix(baseName, attempt),
                stream => EnvelopeFileFormat.Write(envelope, stream),
                wrapStream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (created)
            {
                TryRemoveEmptyFolder(folder);
            }

            throw new HarnessException($"cannot write results file in '{folder}': {ex.Message}", innerException: ex);
        }

        // The file is the truth; the index only learns of it early (a failure is one warning).
        Index.ResultsIndex.Record(resultsRoot, written, Console.Error);
        return written;
    }

    private static bool HoldsStoredRun(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*" + ResultsFileName.Extension))
        {
            if (ResultsFileName.IsStoredRun(Path.GetFileName(file)))
            {
                return true;
            }
        }

        return false;
    }

    private static void TryRemoveEmptyFolder(string folder)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leaving an empty machine folder behind is harmless.
        }
    }
}
