using Microsoft.Data.Sqlite;

namespace NestedVirt.Harness.Index;

/// <summary>
/// The tables of the results index. One row per results file in <c>runs</c> (its header: the
/// envelope without benchmarks and BenchmarkDotNet reports, as compact JSON, plus the columns
/// queries filter on), one row per benchmark of a run in <c>results</c> (median, mean and the raw
/// samples as a little-endian double array), and each distinct rest of a benchmark result
/// (parameters, categories, counters, modelled latency, allocation) once in <c>bodies</c>:
/// between commits only the numbers change, so 10,000 runs share a few hundred bodies.
/// A format change bumps <see cref="FormatVersion"/>, which rebuilds every index on first use.
/// </summary>
internal static class IndexSchema
{
    /// <summary>Stored in SQLite's <c>user_version</c>; any other value means "rebuild".</summary>
    public const int FormatVersion = 1;

    private static readonly string[] Tables =
    [
        """
        CREATE TABLE runs(
            run INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            error TEXT,
            run_id TEXT NOT NULL,
            machine TEXT NOT NULL,
            commit_hash TEXT,
            short_commit TEXT,
            branch TEXT,
            dirty INTEGER,
            job TEXT,
            time INTEGER,
            header TEXT)
        """,
        "CREATE INDEX runs_machine ON runs(machine, time)",
        "CREATE INDEX runs_commit ON runs(commit_hash)",
        "CREATE INDEX runs_run_id ON runs(run_id)",
        "CREATE TABLE cases(case_id INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, suite TEXT NOT NULL, method TEXT NOT NULL)",
        "CREATE TABLE bodies(body INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE)",
        """
        CREATE TABLE results(
            run INTEGER NOT NULL,
            ord INTEGER NOT NULL,
            case_id INTEGER NOT NULL,
            body INTEGER NOT NULL,
            median REAL NOT NULL,
            mean REAL NOT NULL,
            samples BLOB NOT NULL,
            PRIMARY KEY(run, ord)) WITHOUT ROWID
        """,
        "CREATE INDEX results_case ON results(case_id, run)",
    ];

    /// <summary>True when the database holds the current format.</summary>
    /// <param name="db">An open connection.</param>
    public static bool IsCurrent(SqliteConnection db) => Scalar(db, "PRAGMA user_version") == FormatVersion;

    /// <summary>Drops every table and creates the current ones, in one transaction.</summary>
    /// <param name="db">An open connection.</param>
    public static void Recreate(SqliteConnection db)
    {
        using SqliteTransaction transaction = db.BeginTransaction();
        foreach (string table in (ReadOnlySpan<string>)["changepoint_windows", "results", "bodies", "cases", "runs"])
        {
            Execute(db, $"DROP TABLE IF EXISTS {table}");
        }

        foreach (string statement in Tables)
        {
            Execute(db, statement);
        }

        Execute(db, $"PRAGMA user_version = {FormatVersion}");
        transaction.Commit();
    }

    /// <summary>Runs one statement without parameters.</summary>
    public static void Execute(SqliteConnection db, string sql)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query whose answer is one integer.</summary>
    public static long Scalar(SqliteConnection db, string sql)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
