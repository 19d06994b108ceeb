using Microsoft.Data.Sqlite;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Index;

public sealed class ResultsIndexTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Store(int i, string machine = "m1", bool dirty = false, double center = 100) =>
        ResultsStore.Write(
            Envelope($"c{i:d2}", [Simple("A", Samples(center, 10, phase: i)), Simple("B", Samples(40, 10, phase: i), new Dictionary<string, double> { ["Walks"] = 1 })], machine, dirty, Start.AddHours(i)),
            scratch.Path);

    private string IndexFile => scratch.Combine(ResultsIndex.FileName);

    [Fact]
    public void EnvelopesFromTheIndexEqualTheFilesExceptForBenchmarkDotNetReports()
    {
        string[] paths = [Store(0), Store(1), Store(2, dirty: true)];
        File.Delete(IndexFile);

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        Assert.Equal(3, index.LastSync.Added);
        Assert.Equal("no index yet", index.LastSync.Rebuilt);
        IReadOnlyList<StoredRun> runs = index.LoadRuns("m1");
        Assert.Equal(paths, runs.Select(r => r.Path));
        for (int i = 0; i < paths.Length; i++)
        {
            ObjectGraph.AssertEqual(ResultsStore.Load(paths[i]), runs[i].Envelope);
        }
    }

    [Fact]
    public void RunsStoredBeforeTheParametersWereTypedReadFromTheIndexUnderTodaysNames()
    {
        var legacy = new BenchmarkResult
        {
            Id = "RelayVsReflection.Hypercall(Vendor=Vmx, Call=HvPostMessage, Path=Relay, Clean=True)",
            Suite = "RelayVsReflection",
            Method = "Hypercall",
            Parameters = new() { ["Vendor"] = "Vmx", ["Call"] = "HvPostMessage", ["Path"] = "Relay", ["Clean"] = "True" },
            SamplesNs = Samples(70, 10),
        };
        string path = ResultsStore.Write(Envelope("c00", [legacy], "m1"), scratch.Path);
        File.Delete(IndexFile);

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);
        BenchmarkResult fromIndex = Assert.Single(Assert.Single(index.LoadRuns("m1")).Envelope.Benchmarks);

        Assert.Equal("rvr/intel/postmessage/relayed/clean", fromIndex.Id);
        Assert.Equal("Intel", fromIndex.Parameters["Vendor"]);
        Assert.Equal(fromIndex.Id, Assert.Single(ResultsStore.Load(path).Benchmarks).Id);
        Assert.Single(index.SamplesByCommit("m1", "rvr/intel/postmessage/relayed/clean"));
    }

    [Fact]
    public void StoredRunIsInTheIndexBeforeAnyoneReadsIt()
    {
        Store(0);
        Store(1);

        Assert.True(File.Exists(IndexFile));
        using ResultsIndex index = ResultsIndex.Open(scratch.Path);
        Assert.True(index.LastSync.WasFresh);
        Assert.Equal(2, index.LoadRuns("m1").Count);
    }

    [Fact]
    public void FileCopiedInByHandIsFoundAndDeletedFileIsDropped()
    {
        string first = Store(0);
        string second = Store(1);
        string copied = scratch.Combine("m1", "20260301T100000Z-feedfeedfeed.json");
        File.Copy(first, copied);
        File.Delete(second);

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        Assert.Equal((1, 0, 1), (index.LastSync.Added, index.LastSync.Updated, index.LastSync.Removed));
        Assert.Equal([first, copied], index.LoadRuns("m1").Select(r => r.Path));
    }

    [Fact]
    public void EditedFileIsIndexedAgain()
    {
        string path = Store(0);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"job\": \"full\"", "\"job\": \"edited\"", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        Assert.Equal(1, index.LastSync.Updated);
        Assert.Equal("edited", Assert.Single(index.LoadRuns("m1")).Envelope.Job);
    }

    [Fact]
    public void EditKeepingSizeAndTimeIsFoundOnlyByVerify()
    {
        string path = Store(0);
        DateTime time = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"job\": \"full\"", "\"job\": \"fuII\"", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, time);

        using (ResultsIndex plain = ResultsIndex.Open(scratch.Path))
        {
            Assert.True(plain.LastSync.WasFresh);
        }

        using ResultsIndex verified = ResultsIndex.Open(scratch.Path, verify: true);
        Assert.Equal(1, verified.LastSync.Updated);
        Assert.Equal("fuII", Assert.Single(verified.LoadRuns("m1")).Envelope.Job);
    }

    [Fact]
    public void CorruptFileIsNamedWhenItsMachineIsReadAndOtherMachinesStillWork()
    {
        Store(0, machine: "m1");
        Store(0, machine: "m2");
        string bad = scratch.Write("m1/20260301T050000Z-badbadbadbad.json", "{\"schemaVersion\": 1,");

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        var ex = Assert.Throws<HarnessException>(() => index.LoadRuns("m1"));
        Assert.StartsWith($"results file '{bad}' is truncated", ex.Message); // it ends after a separator
        Assert.Single(index.LoadRuns("m2"));
    }

    [Fact]
    public void UnreadableIndexIsRebuiltFromTheFiles()
    {
        Store(0);
        Store(1);
        SqliteConnection.ClearAllPools();
        File.WriteAllText(IndexFile, "this is no database, just text long enough to have a header page......................");

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        Assert.StartsWith("index was unreadable", index.LastSync.Rebuilt);
        Assert.Equal(2, index.LoadRuns("m1").Count);
    }

    [Fact]
    public void IndexOfAnotherFormatIsRebuilt()
    {
        Store(0);
        using (var db = new SqliteConnection($"Data Source={IndexFile};Pooling=False"))
        {
            db.Open();
            using SqliteCommand command = db.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        Assert.Equal("index format changed", index.LastSync.Rebuilt);
        Assert.Single(index.LoadRuns("m1"));
    }

    [Fact]
    public void GateBaselineAndHiddenFilesAreNotRuns()
    {
        Store(0);
        scratch.Write("baseline/ci-baseline.json", "{\"not\": \"an envelope\"}");
        scratch.Write("m1/.20260301T050000Z-aaaaaaaaaaaa.json.tmp-1234", "partial");

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);

        Assert.Equal(["m1"], index.Machines());
        Assert.Equal(1, index.LastSync.Files);
    }

    [Fact]
    public void SamplesByCommitPoolsCleanRunsOfOneMachine()
    {
        Store(0);
        Store(1, center: 200);
        ResultsStore.Write(Envelope("c01", [Simple("A", Samples(200, 5, phase: 9))], "m1", timestamp: Start.AddHours(5)), scratch.Path);
        Store(2, dirty: true);
        Store(0, machine: "m2");

        using ResultsIndex index = ResultsIndex.Open(scratch.Path);
        IReadOnlyDictionary<string, double[]> byCommit = index.SamplesByCommit("m1", "synthetic/a");

        Assert.Equal(["c00".PadRight(40, '0'), "c01".PadRight(40, '0')], byCommit.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10, byCommit["c00".PadRight(40, '0')].Length);
        Assert.Equal(15, byCommit["c01".PadRight(40, '0')].Length);
    }

    [Fact]
    public void LoadOfAFileChangedSinceIndexingReadsTheFile()
    {
        string path = Store(0);
        using ResultsIndex index = ResultsIndex.Open(scratch.Path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"job\": \"full\"", "\"job\": \"later\"", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("later", index.Load(path).Envelope.Job);
    }

    [Fact]
    public void MissingResultsFolderIsAnEmptyIndex()
    {
        using ResultsIndex index = ResultsIndex.Open(scratch.Combine("nowhere"));

        Assert.Empty(index.Machines());
        Assert.Null(index.DatabasePath);
    }
}
