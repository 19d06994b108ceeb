using Microsoft.Data.Sqlite;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Index;

/// <summary>Reading runs back. Envelopes come back whole except for BenchmarkDotNet's reports (read the file for those).</summary>
public sealed partial class ResultsIndex
{
    private readonly Dictionary<long, BenchmarkResult> bodies = [];

    /// <summary>Machines with at least one run file, sorted.</summary>
    public IReadOnlyList<string> Machines()
    {
        var machines = new List<string>();
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = "SELECT DISTINCT machine FROM runs ORDER BY machine";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            machines.Add(reader.GetString(0));
        }

        return machines;
    }

    /// <summary>How many run files the index holds, corrupt ones included.</summary>
    public int RunCount() => (int)IndexSchema.Scalar(db, "SELECT count(*) FROM runs");

    /// <summary>Files that failed to load, with their one-line errors, by path.</summary>
    public IReadOnlyList<(string Path, string Error)> CorruptFiles()
    {
        var files = new List<(string, string)>();
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = "SELECT path, error FROM runs WHERE error IS NOT NULL ORDER BY path";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            files.Add((FullPath(reader.GetString(0)), reader.GetString(1)));
        }

        return files;
    }

    /// <summary>One machine's runs without their benchmarks, oldest first.</summary>
    /// <param name="machineId">The machine.</param>
    /// <exception cref="HarnessException">One of the machine's files is corrupt (it is named).</exception>
    public IReadOnlyList<IndexedRun> Runs(string machineId)
    {
        ThrowIfCorrupt(machineId);
        var runs = new List<IndexedRun>();
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = """
            SELECT run_id, path, machine, commit_hash, short_commit, dirty, job, time FROM runs
            WHERE machine = $m AND error IS NULL ORDER BY time, run_id
            """;
        command.Parameters.AddWithValue("$m", machineId);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            runs.Add(new IndexedRun(
                reader.GetString(0), FullPath(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5) != 0, reader.GetString(6), new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero)));
        }

        return runs;
    }

    /// <summary>The suites one machine's runs hold, sorted (so a <c>--suite</c> that names none of them can say what there is).</summary>
    /// <param name="machineId">The machine.</param>
    public IReadOnlyList<string> Suites(string machineId)
    {
        var suites = new List<string>();
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT c.suite FROM results res
            JOIN runs r ON r.run = res.run JOIN cases c ON c.case_id = res.case_id
            WHERE r.machine = $m AND r.error IS NULL ORDER BY c.suite
            """;
        command.Parameters.AddWithValue("$m", machineId);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            suites.Add(reader.GetString(0));
        }

        return suites;
    }

    /// <summary>One machine's runs, whole, oldest first (<see cref="StoredRunOrder"/>).</summary>
    /// <param name="machineId">The machine.</param>
    /// <param name="suite">Keep only this suite's benchmarks, or all when null.</param>
    /// <exception cref="HarnessException">One of the machine's files is corrupt (it is named).</exception>
    public IReadOnlyList<StoredRun> LoadRuns(string machineId, string? suite = null)
    {
        ThrowIfCorrupt(machineId);
        return Assemble("r.machine = $m", [("$m", machineId)], suite);
    }

    /// <summary>One machine's runs of one commit, whole, oldest first (for <c>bisect</c>).</summary>
    /// <param name="machineId">The machine.</param>
    /// <param name="commit">Full commit hash.</param>
    public IReadOnlyList<StoredRun> LoadRunsAt(string machineId, string commit) =>
        Assemble("r.machine = $m AND r.commit_hash = $c", [("$m", machineId), ("$c", commit)], null);

    /// <summary>
    /// One benchmark's raw samples per commit on one machine, runs of a commit pooled, dirty runs
    /// left out (for <c>bisect</c>: which commits already have numbers, and what they are).
    /// </summary>
    /// <param name="machineId">The machine.</param>
    /// <param name="benchmarkId">The permanent benchmark id.</param>
    /// <returns>Full commit hash to pooled samples.</returns>
    public IReadOnlyDictionary<string, double[]> SamplesByCommit(string machineId, string benchmarkId)
    {
        var pooled = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = """
            SELECT r.commit_hash, res.samples FROM results res
            JOIN runs r ON r.run = res.run JOIN cases c ON c.case_id = res.case_id
            WHERE r.machine = $m AND c.id = $id AND r.dirty = 0 AND r.error IS NULL
            ORDER BY r.time, r.run_id
            """;
        command.Parameters.AddWithValue("$m", machineId);
        command.Parameters.AddWithValue("$id", benchmarkId);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            string commit = reader.GetString(0);
            if (!pooled.TryGetValue(commit, out List<double>? samples))
            {
                pooled[commit] = samples = [];
            }

            samples.AddRange(SampleBlob.Unpack((byte[])reader.GetValue(1)));
        }

        return pooled.ToDictionary(static p => p.Key, static p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The run stored in a results file: from the index when it is up to date for that file, else from the file.</summary>
    /// <param name="path">A results file (anywhere).</param>
    /// <exception cref="HarnessException">The file is missing or corrupt.</exception>
    public StoredRun Load(string path)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(ResultsRoot, full).Replace(Path.DirectorySeparatorChar, '/');
        var info = new FileInfo(full);
        if (info.Exists && !relative.StartsWith("../", StringComparison.Ordinal))
        {
            IReadOnlyList<StoredRun> indexed = Assemble(
                "r.path = $p AND r.size = $s AND r.mtime = $t",
                [("$p", relative), ("$s", info.Length), ("$t", info.LastWriteTimeUtc.Ticks)],
                null);
            if (indexed.Count == 1)
            {
                return indexed[0];
            }
        }

        return new StoredRun(full, ResultsStore.Load(path));
    }

    private void ThrowIfCorrupt(string machineId)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = "SELECT error FROM runs WHERE machine = $m AND error IS NOT NULL ORDER BY path LIMIT 1";
        command.Parameters.AddWithValue("$m", machineId);
        if (command.ExecuteScalar() is string error)
        {
            throw new HarnessException(error);
        }
    }

    private List<StoredRun> Assemble(string where, (string Name, object Value)[] parameters, string? suite)
    {
        var runs = new Dictionary<long, StoredRun>();
        using (SqliteCommand command = Query($"SELECT r.run, r.path, r.header FROM runs r WHERE {where} AND r.error IS NULL", parameters))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ResultsEnvelope envelope = ResultsJson.Deserialize<ResultsEnvelope>(reader.GetString(2))!;
                runs[reader.GetInt64(0)] = new StoredRun(FullPath(reader.GetString(1)), envelope);
            }
        }

        string suiteFilter = suite is null ? "" : "AND c.suite = $suite";
        (string, object)[] all = suite is null ? parameters : [.. parameters, ("$suite", suite)];
        using (SqliteCommand command = Query(
            $"""
            SELECT res.run, res.body, res.median, res.mean, res.samples FROM results res
            JOIN runs r ON r.run = res.run JOIN cases c ON c.case_id = res.case_id
            WHERE {where} AND r.error IS NULL {suiteFilter} ORDER BY res.run, res.ord
            """,
            all))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                BenchmarkResult template = Body(reader.GetInt64(1));
                runs[reader.GetInt64(0)].Envelope.Benchmarks.Add(template with
                {
                    MedianNs = reader.GetDouble(2),
                    MeanNs = reader.GetDouble(3),
                    SamplesNs = SampleBlob.Unpack((byte[])reader.GetValue(4)),
                });
            }
        }

        var ordered = new List<StoredRun>(runs.Values);
        ordered.Sort(StoredRunOrder.Compare);
        return ordered;
    }

    // Each distinct body is deserialized once; results share its parameter and counter
    // dictionaries, which nothing downstream mutates.
    private BenchmarkResult Body(long id)
    {
        if (bodies.TryGetValue(id, out BenchmarkResult? body))
        {
            return body;
        }

        using SqliteCommand command = Query("SELECT json FROM bodies WHERE body = $b", [("$b", id)]);
        // Bodies are stored as the file wrote them: files from before a parameter rename read
        // under today's names, as ResultsStore.Load reads them.
        body = BenchmarkName.Upgrade(ResultsJson.Deserialize<BenchmarkResult>((string)command.ExecuteScalar()!)!);
        bodies[id] = body;
        return body;
    }

    private SqliteCommand Query(string sql, (string Name, object Value)[] parameters)
    {
        SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private string FullPath(string relative) => Path.Combine(ResultsRoot, relative.Replace('/', Path.DirectorySeparatorChar));
}
