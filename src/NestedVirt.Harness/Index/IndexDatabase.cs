using Microsoft.Data.Sqlite;

namespace NestedVirt.Harness.Index;

/// <summary>
/// Opens the index database of a results folder: creates it when missing, recreates it when it
/// is of another format or unreadable (it is only a cache of the files), and falls back to an
/// in-memory database when the folder is missing or cannot be written.
/// </summary>
internal static class IndexDatabase
{
    // SQLite result codes (sqlite.org/rescode.html): the file is not a database, or is damaged.
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>Opens the database; the reason is set when it had to be (re)built from nothing.</summary>
    /// <param name="resultsRoot">Full path of the results folder.</param>
    /// <param name="rebuild">Delete any existing database first.</param>
    public static (SqliteConnection Connection, string? Path, string? Rebuilt) Connect(string resultsRoot, bool rebuild)
    {
        if (!Directory.Exists(resultsRoot))
        {
            return (InMemory(), null, "no results folder");
        }

        string path = Path.Combine(resultsRoot, ResultsIndex.FileName);
        if (rebuild)
        {
            DeleteFiles(path);
        }

        bool existed = File.Exists(path);
        try
        {
            return OpenFile(path, rebuild ? "asked for" : existed ? null : "no index yet");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            DeleteFiles(path);
            return OpenFile(path, $"index was unreadable ({ex.Message.TrimEnd('.')})");
        }
        catch (Exception ex) when (ex is SqliteException or UnauthorizedAccessException or IOException)
        {
            // A read-only checkout or a full disk: the index is a cache, so build it in memory.
            return (InMemory(), null, $"index cannot be written in '{resultsRoot}' ({Cli.HarnessException.OneLine(ex.Message)}); built in memory");
        }
    }

    private static (SqliteConnection, string?, string?) OpenFile(string path, string? reason)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 120,
        }.ToString());
        try
        {
            connection.Open();

            // WAL lets readers go on while another nvbench indexes; NORMAL is safe with WAL (a
            // crash can lose the last transaction, which the next Open re-indexes from the files).
            IndexSchema.Execute(connection, "PRAGMA journal_mode = WAL");
            IndexSchema.Execute(connection, "PRAGMA synchronous = NORMAL");
            if (!IndexSchema.IsCurrent(connection))
            {
                reason ??= "index format changed";
                IndexSchema.Recreate(connection);
            }

            return (connection, path, reason);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteConnection InMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        IndexSchema.Recreate(connection);
        return connection;
    }

    private static void DeleteFiles(string path)
    {
        foreach (string suffix in (ReadOnlySpan<string>)["", "-wal", "-shm", "-journal"])
        {
            File.Delete(path + suffix);
        }
    }
}
