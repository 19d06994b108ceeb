using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class ResultsStoreResolveTests
{
    private const string M1 = "m1-2cpu-11111111";
    private const string M2 = "m2-4cpu-22222222";

    [Fact]
    public void ExactIdFindsTheFileInAnyMachineFolder()
    {
        using var scratch = Populate();

        string path = ResultsStore.Resolve("20260102T000000Z-bbbbbbbbbbbb", scratch.Path);

        Assert.Equal(scratch.Combine(M2, "20260102T000000Z-bbbbbbbbbbbb.json"), path);
    }

    [Fact]
    public void UniquePrefixFindsTheFile()
    {
        using var scratch = Populate();

        Assert.Equal(scratch.Combine(M2, "20260102T000000Z-bbbbbbbbbbbb.json"), ResultsStore.Resolve("20260102", scratch.Path));
    }

    [Fact]
    public void ExactIdWinsOverLongerIdsItPrefixes()
    {
        using var scratch = Populate();

        Assert.Equal(
            scratch.Combine(M1, "20260101T000000Z-aaaaaaaaaaaa.json"),
            ResultsStore.Resolve("20260101T000000Z-aaaaaaaaaaaa", scratch.Path));
    }

    [Fact]
    public void AmbiguousPrefixListsAtMostThreeCandidates()
    {
        using var scratch = Populate();

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.Resolve("2026", scratch.Path));

        Assert.StartsWith("'2026' is ambiguous: ", ex.Message);
        Assert.Contains(Path.Combine(M1, "20260101T000000Z-aaaaaaaaaaaa-2.json"), ex.Message);
        Assert.Contains(Path.Combine(M1, "20260101T000000Z-aaaaaaaaaaaa.json"), ex.Message);
        Assert.Contains(Path.Combine(M1, "20260103T000000Z-cccccccccccc-dirty.json"), ex.Message);
        Assert.DoesNotContain("bbbbbbbbbbbb", ex.Message);
        Assert.EndsWith(" and 2 more", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void NoMatchIsOneLineNamingTheId()
    {
        using var scratch = Populate();

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.Resolve("1999", scratch.Path));

        Assert.Contains("no results match '1999'", ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public void TemporaryAndHiddenFilesAreNeverMatched()
    {
        using var scratch = Populate();
        scratch.Write($"{M1}/.20260109T000000Z-dddddddddddd.json.tmp-0a1b2c3d", "{");
        scratch.Write($"{M1}/.20260109T000000Z-eeeeeeeeeeee.json", "{");

        Assert.Throws<HarnessException>(() => ResultsStore.Resolve("20260109", scratch.Path));
        Assert.Throws<HarnessException>(() => ResultsStore.Resolve(".20260109", scratch.Path));
    }

    [Fact]
    public void PathsAreAcceptedAsGivenOrRelativeToTheResultsFolder()
    {
        using var scratch = Populate();
        string full = scratch.Combine(M2, "20260102T000000Z-bbbbbbbbbbbb.json");

        Assert.Equal(full, ResultsStore.Resolve(full, scratch.Path));
        Assert.Equal(full, ResultsStore.Resolve($"{M2}/20260102T000000Z-bbbbbbbbbbbb", scratch.Path));
        Assert.Equal(full, ResultsStore.Resolve($"{M2}/20260102T000000Z-bbbbbbbbbbbb.json", scratch.Path));
        Assert.Throws<HarnessException>(() => ResultsStore.Resolve($"{M2}/missing.json", scratch.Path));
    }

    [Fact]
    public void ListRunsReturnsOneMachinesRunsOldestFirst()
    {
        using var scratch = Populate();
        scratch.Write($"{M1}/.x.json.tmp-12345678", "{");

        IReadOnlyList<StoredRun> runs = ResultsStore.ListRuns(scratch.Path, M1);

        Assert.Equal(
            ["20260101T000000Z-aaaaaaaaaaaa", "20260101T000000Z-aaaaaaaaaaaa-2", "20260103T000000Z-cccccccccccc-dirty", "20260104T000000Z-dddddddddddd"],
            runs.Select(r => r.Id));
        Assert.All(runs, r => Assert.Equal(M1, r.Envelope.MachineId));
        Assert.Equal(scratch.Combine(M1, "20260104T000000Z-dddddddddddd.json"), runs[^1].Path);
    }

    [Fact]
    public void ListRunsOrdersCollisionSuffixesNumerically()
    {
        using var scratch = new ScratchFolder();
        for (int i = 0; i < 11; i++)
        {
            Write(scratch, M1, EnvelopeSamples.Time, "aaaaaaaaaaaa", dirty: false);
        }

        IReadOnlyList<StoredRun> runs = ResultsStore.ListRuns(scratch.Path, M1);

        string[] expected = ["20260314T091500Z-aaaaaaaaaaaa", .. Enumerable.Range(2, 10).Select(n => $"20260314T091500Z-aaaaaaaaaaaa-{n}")];
        Assert.Equal(expected, runs.Select(r => r.Id));
    }

    [Fact]
    public void ListRunsOfUnknownMachineIsEmpty()
    {
        using var scratch = Populate();

        Assert.Empty(ResultsStore.ListRuns(scratch.Path, "never-seen"));
        Assert.Empty(ResultsStore.ListRuns(scratch.Combine("no-such-root"), M1));
    }

    [Fact]
    public void ListRunsNamesACorruptFile()
    {
        using var scratch = Populate();
        string bad = scratch.Write($"{M1}/20260105T000000Z-ffffffffffff.json", "{\"schemaVersion\": 1");

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.ListRuns(scratch.Path, M1));

        Assert.Contains(bad, ex.Message);
    }

    [Fact]
    public void ListMachinesGivesTheMachineFolders()
    {
        using var scratch = Populate();

        Assert.Equal([M1, M2], ResultsStore.ListMachines(scratch.Path));
    }

    // m1: Jan 4, Jan 1 (twice, same commit), Jan 3 dirty -- written out of order; m2: Jan 2.
    private static ScratchFolder Populate()
    {
        var scratch = new ScratchFolder();
        Write(scratch, M1, new DateTimeOffset(2026, 1, 4, 0, 0, 0, TimeSpan.Zero), "dddddddddddd", dirty: false);
        Write(scratch, M1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "aaaaaaaaaaaa", dirty: false);
        Write(scratch, M1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "aaaaaaaaaaaa", dirty: false);
        Write(scratch, M1, new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero), "cccccccccccc", dirty: true);
        Write(scratch, M2, new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "bbbbbbbbbbbb", dirty: false);
        return scratch;
    }

    private static void Write(ScratchFolder scratch, string machine, DateTimeOffset time, string commit, bool dirty) =>
        ResultsStore.Write(EnvelopeSamples.Full(machineId: machine, time: time, shortCommit: commit, dirty: dirty), scratch.Path);
}
