using Microsoft.Data.Sqlite;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Index;

/// <summary>Writing runs into the index.</summary>
public sealed partial class ResultsIndex
{
    private void Delete(IEnumerable<string> paths)
    {
        using SqliteTransaction transaction = db.BeginTransaction();
        foreach (string path in paths)
        {
            DeleteRun(path);
        }

        transaction.Commit();
    }

    // One transaction per batch; deleting by path first makes it safe when another nvbench
    // indexed the same file in between (the last writer's rows win, and they are the same).
    private void Store(IReadOnlyList<ParsedRun> runs)
    {
        using SqliteTransaction transaction = db.BeginTransaction();
        using SqliteCommand insertRun = db.CreateCommand();
        insertRun.CommandText = """
            INSERT INTO runs(path, size, mtime, sha256, error, run_id, machine, commit_hash, short_commit, branch, dirty, job, time, header)
            VALUES($path, $size, $mtime, $sha, $error, $runId, $machine, $commit, $short, $branch, $dirty, $job, $time, $header)
            RETURNING run
            """;
        using SqliteCommand insertResult = db.CreateCommand();
        insertResult.CommandText = """
            INSERT INTO results(run, ord, case_id, body, median, mean, samples)
            VALUES($run, $ord, $case, $body, $median, $mean, $samples)
            """;
        foreach (ParsedRun run in runs)
        {
            DeleteRun(run.File.RelativePath);
            long id = InsertRun(insertRun, run);
            if (run.Envelope is not { } envelope)
            {
                continue;
            }

            for (int i = 0; i < envelope.Benchmarks.Count; i++)
            {
                BenchmarkResult b = envelope.Benchmarks[i];
                insertResult.Parameters.Clear();
                insertResult.Parameters.AddWithValue("$run", id);
                insertResult.Parameters.AddWithValue("$ord", i);
                insertResult.Parameters.AddWithValue("$case", CaseId(b));
                insertResult.Parameters.AddWithValue("$body", BodyId(run.BodyJson[i]));
                insertResult.Parameters.AddWithValue("$median", b.MedianNs);
                insertResult.Parameters.AddWithValue("$mean", b.MeanNs);
                insertResult.Parameters.AddWithValue("$samples", SampleBlob.Pack(b.SamplesNs));
                insertResult.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static long InsertRun(SqliteCommand insert, ParsedRun run)
    {
        ResultsEnvelope? e = run.Envelope;
        string relative = run.File.RelativePath;
        int slash = relative.IndexOf('/');
        SqliteParameterCollection p = insert.Parameters;
        p.Clear();
        p.AddWithValue("$path", relative);
        p.AddWithValue("$size", run.File.Size);
        p.AddWithValue("$mtime", run.File.ModifiedTicks);
        p.AddWithValue("$sha", run.Sha256);
        p.AddWithValue("$error", (object?)run.Error ?? DBNull.Value);
        p.AddWithValue("$runId", Path.GetFileNameWithoutExtension(relative));

        // A corrupt file is listed under the folder it sits in, so that machine's history names it.
        p.AddWithValue("$machine", e?.MachineId ?? relative[..Math.Max(0, slash)]);
        p.AddWithValue("$commit", (object?)e?.Git.Commit ?? DBNull.Value);
        p.AddWithValue("$short", (object?)e?.Git.ShortCommit ?? DBNull.Value);
        p.AddWithValue("$branch", (object?)e?.Git.Branch ?? DBNull.Value);
        p.AddWithValue("$dirty", e is null ? DBNull.Value : e.Git.Dirty ? 1 : 0);
        p.AddWithValue("$job", (object?)e?.Job ?? DBNull.Value);
        p.AddWithValue("$time", e is null ? DBNull.Value : e.TimestampUtc.UtcTicks);
        p.AddWithValue("$header", (object?)run.HeaderJson ?? DBNull.Value);
        return (long)insert.ExecuteScalar()!;
    }

    private void DeleteRun(string relativePath)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = """
            DELETE FROM results WHERE run IN (SELECT run FROM runs WHERE path = $path);
            DELETE FROM runs WHERE path = $path;
            """;
        command.Parameters.AddWithValue("$path", relativePath);
        command.ExecuteNonQuery();
    }

    private long CaseId(BenchmarkResult b)
    {
        if (caseIds.TryGetValue(b.Id, out long id))
        {
            return id;
        }

        using SqliteCommand command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO cases(id, suite, method) VALUES($id, $suite, $method) ON CONFLICT(id) DO NOTHING;
            SELECT case_id FROM cases WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", b.Id);
        command.Parameters.AddWithValue("$suite", b.Suite);
        command.Parameters.AddWithValue("$method", b.Method);
        id = (long)command.ExecuteScalar()!;
        caseIds[b.Id] = id;
        return id;
    }

    private long BodyId(string json)
    {
        if (bodyIds.TryGetValue(json, out long id))
        {
            return id;
        }

        using SqliteCommand command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO bodies(json) VALUES($json) ON CONFLICT(json) DO NOTHING;
            SELECT body FROM bodies WHERE json = $json;
            """;
        command.Parameters.AddWithValue("$json", json);
        id = (long)command.ExecuteScalar()!;
        bodyIds[json] = id;
        return id;
    }
}
