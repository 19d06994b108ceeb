using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.History;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// Issue 11 items 9, 10 and 12: a history whose selection is empty is an error naming what
/// there is; runs without a commit are never placed; "baseline" is not a machine.
/// </summary>
public sealed class HistorySelectionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static HistoryCommand Command(string machine = "m1") =>
        new(commitOrder: null, processes: null, findExecutable: _ => null, currentMachineId: () => machine);

    private void Write(params ResultsEnvelope[] runs)
    {
        foreach (ResultsEnvelope run in runs)
        {
            ResultsStore.Write(run, temp.ResultsRoot);
        }
    }

    private static ResultsEnvelope Run(string commit, int hour, bool dirty = false) =>
        Envelope(commit, [Simple("A", Samples(100, 10, phase: hour))], "m1", dirty: dirty, timestamp: Start.AddHours(hour),
            fullCommit: commit == "unknown" ? "unknown" : null);

    [Fact]
    public void ASuiteThatSelectsNothingIsAnErrorListingTheSuites()
    {
        Write(Run("c00", 0), Run("c01", 1));

        (int exit, string output, string error) = temp.Dispatch(Command(), "--suite", "Synthetik", "--svg-dir", temp.File("svg"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.EndsWith("nvbench: no benchmark of suite 'Synthetik' in the 2 run(s) of machine 'm1'; suites there: Synthetic\n", error);
        Assert.False(Directory.Exists(temp.File("svg")));
    }

    [Fact]
    public void RunsThatLeaveNothingToPlaceAreAnErrorSayingWhy()
    {
        Write(Run("c00", 0, dirty: true), Run("unknown", 1), Run("c02", 2, dirty: true));

        (int exit, string output, string error) = temp.Dispatch(Command(), "--svg-dir", temp.File("svg"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.EndsWith("nvbench: none of the 3 run(s) of machine 'm1' can be placed in history: 2 dirty, 1 without a commit\n", error);
    }

    [Fact]
    public void ARunMarkedWithoutACommitIsNeverPlacedWhateverItsCommitField()
    {
        ResultsEnvelope marked = Run("c01", 1);
        marked = new ResultsEnvelope
        {
            TimestampUtc = marked.TimestampUtc,
            MachineId = marked.MachineId,
            Git = new GitInfo { Commit = "c01", ShortCommit = "c01", UnknownReason = "git not found" },
            Benchmarks = marked.Benchmarks,
        };

        var report = HistoryAnalyzer.Analyze(
            [Run("c00", 0), marked, Run("c02", 2)], new HistoryOptions { MachineId = "m1" });

        Assert.Equal(2, report.Commits.Count);
        Assert.Equal(1, report.SkippedUnknownCommit);
    }

    [Fact]
    public void TheBaselineFolderIsNotListedAsAMachine()
    {
        Write(Run("c00", 0));
        Directory.CreateDirectory(Path.Combine(temp.ResultsRoot, "baseline"));
        File.WriteAllText(Path.Combine(temp.ResultsRoot, "baseline", "ci-baseline.json"), "{\"counters\": {}}");
        Directory.CreateDirectory(Path.Combine(temp.ResultsRoot, "empty-folder"));

        (int exit, _, string error) = temp.Dispatch(Command(machine: "m9"));

        Assert.Equal(2, exit);
        Assert.EndsWith("machines with results: m1 (pass --machine ID)\n", error);
        Assert.Equal(["m1"], ResultsStore.ListMachines(temp.ResultsRoot));
    }
}
