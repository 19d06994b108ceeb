using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace NestedVirt.Harness.Index;

/// <summary>
/// An SQLite index of a results folder, so that <c>history</c>, <c>compare</c>,
/// <c>cover-letter</c>, <c>report</c> and <c>bisect</c> read thousands of runs without parsing
/// every file. The files stay the source of truth: the index lives beside them in
/// <c>&lt;results&gt;/.nvbench-index.sqlite</c> (never committed), is brought up to date on every
/// <see cref="Open"/> by comparing each file's size and modification time with what was indexed
/// (and, with <c>verify</c>, its SHA-256), is rebuilt when missing, unreadable or of another
/// format, and a run is added as soon as <see cref="Results.ResultsStore.Write(Results.ResultsEnvelope, string)"/>
/// stores it. Where the results folder cannot be written the index is built in memory.
/// </summary>
public sealed partial class ResultsIndex : IDisposable
{
    /// <summary>The database file's name inside the results folder.</summary>
    public const string FileName = ".nvbench-index.sqlite";

    // Files parsed in parallel and inserted in one transaction; an interrupted rebuild keeps
    // every finished batch, and the next Open indexes the rest.
    private const int BatchSize = 256;

    private readonly SqliteConnection db;
    private readonly Dictionary<string, long> caseIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> bodyIds = new(StringComparer.Ordinal);

    private ResultsIndex(string resultsRoot, SqliteConnection db, string? databasePath)
    {
        ResultsRoot = resultsRoot;
        this.db = db;
        DatabasePath = databasePath;
    }

    /// <summary>The results folder indexed (full path).</summary>
    public string ResultsRoot { get; }

    /// <summary>The database file, or null when the index is held in memory.</summary>
    public string? DatabasePath { get; }

    /// <summary>What the last synchronisation with the files did.</summary>
    public IndexSyncReport LastSync { get; private set; } = new(0, 0, 0, 0, null, TimeSpan.Zero);

    /// <summary>Opens (creating or rebuilding as needed) the index of a results folder and brings it up to date.</summary>
    /// <param name="resultsRoot">The results folder; a missing folder gives an empty index.</param>
    /// <param name="progress">Where a long indexing says what it is doing (stderr), or null.</param>
    /// <param name="rebuild">Throw the index away and index every file again.</param>
    /// <param name="verify">Also re-hash every file, catching edits that kept size and time.</param>
    /// <returns>The index; dispose it.</returns>
    public static ResultsIndex Open(string resultsRoot, TextWriter? progress = null, bool rebuild = false, bool verify = false)
    {
        var clock = Stopwatch.StartNew();
        string root = Path.GetFullPath(resultsRoot);
        (SqliteConnection connection, string? path, string? rebuilt) = IndexDatabase.Connect(root, rebuild);
        var index = new ResultsIndex(root, connection, path);
        try
        {
            index.LastSync = index.Synchronize(progress, verify, rebuilt, clock);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Adds one just-stored results file to the index of its folder. Never fails the store: a
    /// problem is one warning line, and the next <see cref="Open"/> finds the file anyway.
    /// </summary>
    /// <param name="resultsRoot">The results folder.</param>
    /// <param name="path">The file written.</param>
    /// <param name="warnings">Where a failure is reported, or null.</param>
    /// <returns>True when the index holds the run.</returns>
    public static bool Record(string resultsRoot, string path, TextWriter? warnings)
    {
        try
        {
            string root = Path.GetFullPath(resultsRoot);
            string relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(path);
            (SqliteConnection connection, string? dbPath, _) = IndexDatabase.Connect(root, rebuild: false);
            using var index = new ResultsIndex(root, connection, dbPath);
            index.Store([RunParser.Parse(root, new IndexedFile(relative, info.Length, info.LastWriteTimeUtc.Ticks))]);
            return true;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or Cli.HarnessException)
        {
            warnings?.WriteLine($"nvbench: results index not updated ({Cli.HarnessException.OneLine(ex.Message)}); the next read brings it up to date");
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => db.Dispose();

    private IndexSyncReport Synchronize(TextWriter? progress, bool verify, string? rebuilt, Stopwatch clock)
    {
        List<IndexedFile> files = IndexScanner.Scan(ResultsRoot);
        Dictionary<string, (long Size, long Mtime, string Sha)> known = IndexedFiles();
        var work = new List<IndexedFile>();
        int added = 0, updated = 0;
        foreach (IndexedFile file in files)
        {
            if (!known.Remove(file.RelativePath, out var was))
            {
                work.Add(file);
                added++;
            }
            else if (was.Size != file.Size || was.Mtime != file.ModifiedTicks
                || (verify && !string.Equals(was.Sha, SafeHash(file), StringComparison.Ordinal)))
            {
                work.Add(file);
                updated++;
            }
        }

        if (known.Count > 0)
        {
            Delete(known.Keys);
        }

        if (work.Count >= BatchSize)
        {
            progress?.WriteLine($"nvbench: indexing {work.Count} results file(s) under '{ResultsRoot}'");
        }

        for (int start = 0; start < work.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, work.Count - start);
            var parsed = new ParsedRun[count];
            Parallel.For(0, count, i => parsed[i] = RunParser.Parse(ResultsRoot, work[start + i]));
            Store(parsed);
            if (work.Count >= 4 * BatchSize && (start / BatchSize) % 8 == 7)
            {
                progress?.WriteLine($"nvbench: indexed {start + count} of {work.Count}");
            }
        }

        return new IndexSyncReport(files.Count, added, updated, known.Count, rebuilt, clock.Elapsed);
    }

    private string SafeHash(IndexedFile file)
    {
        try
        {
            return RunParser.Hash(Path.Combine(ResultsRoot, file.RelativePath));
        }
        catch (Cli.HarnessException)
        {
            return "";
        }
    }

    private Dictionary<string, (long Size, long Mtime, string Sha)> IndexedFiles()
    {
        var known = new Dictionary<string, (long, long, string)>(StringComparer.Ordinal);
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = "SELECT path, size, mtime, sha256 FROM runs";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            known[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }

        return known;
    }
}
