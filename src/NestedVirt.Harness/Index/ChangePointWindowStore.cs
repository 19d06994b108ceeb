using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Index;

/// <summary>
/// EdPelt's answers for the windows of one machine's series, kept in the index's
/// <c>changepoint_windows</c> table: one row per (machine, benchmark, window start, minimum
/// distance) holding the SHA-256 of the window's content (detector version, minimum distance,
/// the values' bits) and the indexes found. A row is used only when the hash of the window
/// analysed now equals the stored one, so a changed, added or removed run that alters a window
/// is detected and that window alone is analysed again; the row is then replaced, which keeps
/// the table at one row per window. Reads come from one query per machine; rows found while
/// analysing (on several threads) are written in one transaction by <see cref="Save"/>. Hashes
/// and indexes are in this machine's byte order: the index is never copied between machines.
/// Rows of windows a shrunk series no longer has stay unused until the index is rebuilt.
/// </summary>
public sealed class ChangePointWindowStore
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS changepoint_windows(
            machine TEXT NOT NULL,
            benchmark TEXT NOT NULL,
            start INTEGER NOT NULL,
            min_distance INTEGER NOT NULL,
            hash BLOB NOT NULL,
            indexes BLOB NOT NULL,
            PRIMARY KEY(machine, benchmark, start, min_distance)) WITHOUT ROWID
        """;

    private readonly SqliteConnection db;
    private readonly string machine;
    private readonly Dictionary<(string Benchmark, int Start, int MinDistance), (byte[] Hash, int[] Indexes)> stored = [];
    private readonly ConcurrentQueue<(string Benchmark, int Start, int MinDistance, byte[] Hash, int[] Indexes)> found = new();
    private int hits;

    internal ChangePointWindowStore(SqliteConnection db, string machine, bool reuse)
    {
        this.db = db;
        this.machine = machine;
        IndexSchema.Execute(db, CreateTable);
        if (!reuse)
        {
            return;
        }

        using SqliteCommand command = db.CreateCommand();
        command.CommandText = "SELECT benchmark, start, min_distance, hash, indexes FROM changepoint_windows WHERE machine = $m";
        command.Parameters.AddWithValue("$m", machine);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            stored[(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2))] =
                ((byte[])reader.GetValue(3), MemoryMarshal.Cast<byte, int>((byte[])reader.GetValue(4)).ToArray());
        }
    }

    /// <summary>Windows answered from the table so far.</summary>
    public int Hits => Volatile.Read(ref hits);

    /// <summary>Windows analysed and queued for <see cref="Save"/> so far.</summary>
    public int Misses => found.Count;

    /// <summary>The cache of one benchmark's series; use each from one thread at a time.</summary>
    /// <param name="benchmarkId">The benchmark's permanent id.</param>
    public IEdPeltWindowCache For(string benchmarkId) => new Series(this, benchmarkId);

    /// <summary>Writes the windows analysed since loading, replacing their old rows, in one transaction.</summary>
    public void Save()
    {
        if (found.IsEmpty)
        {
            return;
        }

        using SqliteTransaction transaction = db.BeginTransaction();
        using SqliteCommand command = db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO changepoint_windows VALUES ($m, $b, $s, $d, $h, $i)";
        SqliteParameter b = command.Parameters.Add("$b", SqliteType.Text);
        SqliteParameter s = command.Parameters.Add("$s", SqliteType.Integer);
        SqliteParameter d = command.Parameters.Add("$d", SqliteType.Integer);
        SqliteParameter h = command.Parameters.Add("$h", SqliteType.Blob);
        SqliteParameter i = command.Parameters.Add("$i", SqliteType.Blob);
        command.Parameters.AddWithValue("$m", machine);
        while (found.TryDequeue(out var row))
        {
            (b.Value, s.Value, d.Value, h.Value, i.Value) = (row.Benchmark, row.Start, row.MinDistance, row.Hash, MemoryMarshal.AsBytes(row.Indexes.AsSpan()).ToArray());
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>SHA-256 of what decides EdPelt's answer for a window.</summary>
    /// <param name="window">The window's values.</param>
    /// <param name="minDistance">EdPelt's minimum segment length.</param>
    internal static byte[] Hash(ReadOnlySpan<double> window, int minDistance)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(SegmentedEdPelt.DetectorVersion));
        hash.AppendData(BitConverter.GetBytes(minDistance));
        hash.AppendData(BitConverter.GetBytes(window.Length));
        hash.AppendData(MemoryMarshal.AsBytes(window));
        return hash.GetHashAndReset();
    }

    private sealed class Series(ChangePointWindowStore store, string benchmark) : IEdPeltWindowCache
    {
        public bool TryGet(int start, ReadOnlySpan<double> window, int minDistance, out int[] indexes)
        {
            if (store.stored.TryGetValue((benchmark, start, minDistance), out var row)
                && row.Hash.AsSpan().SequenceEqual(Hash(window, minDistance))
                && Plausible(row.Indexes, window.Length))
            {
                Interlocked.Increment(ref store.hits);
                indexes = row.Indexes;
                return true;
            }

            indexes = [];
            return false;
        }

        public void Add(int start, ReadOnlySpan<double> window, int minDistance, int[] indexes) =>
            store.found.Enqueue((benchmark, start, minDistance, Hash(window, minDistance), indexes));

        // EdPelt's indexes ascend and leave a point after each: a row that does not is damaged,
        // and its window is analysed again.
        private static bool Plausible(int[] indexes, int length)
        {
            for (int i = 0; i < indexes.Length; i++)
            {
                if (indexes[i] < 0 || indexes[i] >= length - 1 || (i > 0 && indexes[i] <= indexes[i - 1]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
