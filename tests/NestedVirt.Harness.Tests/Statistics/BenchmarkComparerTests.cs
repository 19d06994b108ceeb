using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Statistics;

public sealed class BenchmarkComparerTests
{
    private readonly BenchmarkComparer comparer = new(ComparisonOptions.Default);

    [Fact]
    public void CountersDifferenceIsReportedAsModelChangeApartFromTiming()
    {
        ResultsEnvelope baseline = Envelope("aaaa", [Simple("Walk", Samples(50, 15), new Dictionary<string, double> { ["worldSwitches"] = 4, ["guestMemoryReads"] = 24 })]);
        ResultsEnvelope head = Envelope("bbbb", [Simple("Walk", Samples(50, 15), new Dictionary<string, double> { ["worldSwitches"] = 6, ["guestMemoryReads"] = 24, ["vmcsFieldsCopied"] = 3 })]);

        ComparisonReport report = comparer.Compare(baseline, head);

        Assert.Equal(ComparisonVerdict.Same, Assert.Single(report.Benchmarks).Verdict);
        ModelChange change = Assert.Single(report.ModelChanges);
        Assert.Equal(
            [new CounterChange("vmcsFieldsCopied", null, 3), new CounterChange("worldSwitches", 4, 6)],
            change.Changes);
        Assert.False(report.HasRegression);
    }

    [Fact]
    public void EqualCountersAreNoModelChange()
    {
        var counters = new Dictionary<string, double> { ["worldSwitches"] = 4 };
        ComparisonReport report = comparer.Compare(
            Envelope("aaaa", [Simple("Walk", Samples(50, 15), counters)]),
            Envelope("bbbb", [Simple("Walk", Samples(50, 15), counters)]));

        Assert.Empty(report.ModelChanges);
    }

    [Fact]
    public void BenchmarksOnOneSideAreListedAsAddedOrRemoved()
    {
        ComparisonReport report = comparer.Compare(
            Envelope("aaaa", [Simple("Kept", Samples(10, 15)), Simple("Gone", Samples(10, 15))]),
            Envelope("bbbb", [Simple("Kept", Samples(10, 15)), Simple("New", Samples(10, 15))]));

        Assert.Equal("synthetic/kept", Assert.Single(report.Benchmarks).Key.Id);
        Assert.Equal("synthetic/new", Assert.Single(report.Added).Id);
        Assert.Equal("synthetic/gone", Assert.Single(report.Removed).Id);
    }

    [Fact]
    public void SlowerBenchmarkIsARegression()
    {
        ComparisonReport report = comparer.Compare(
            Envelope("aaaa", [Simple("A", Samples(100, 15)), Simple("B", Samples(100, 15))]),
            Envelope("bbbb", [Simple("A", Samples(100, 15)), Simple("B", Samples(125, 15))]));

        Assert.True(report.HasRegression);
        Assert.Equal(1, report.Count(ComparisonVerdict.Slower));
        Assert.Equal(1, report.Count(ComparisonVerdict.Same));
    }

    [Fact]
    public void DifferentMachinesAreRefusedWithoutCrossMachine()
    {
        ResultsEnvelope baseline = Envelope("aaaa", [Simple("A", Samples(100, 15))], machineId: "m-intel");
        ResultsEnvelope head = Envelope("bbbb", [Simple("A", Samples(100, 15))], machineId: "m-amd");

        MachineMismatchException e = Assert.Throws<MachineMismatchException>(() => comparer.Compare(baseline, head));
        Assert.Contains("m-intel", e.Message);
        Assert.Contains("--cross-machine", e.Message);
    }

    [Fact]
    public void DifferentMachinesAreLabelledCrossMachineWhenAllowed()
    {
        var allowing = new BenchmarkComparer(ComparisonOptions.Default with { AllowCrossMachine = true });

        ComparisonReport report = allowing.Compare(
            Envelope("aaaa", [Simple("A", Samples(100, 15))], machineId: "m-intel"),
            Envelope("bbbb", [Simple("A", Samples(100, 15))], machineId: "m-amd"));

        Assert.True(report.CrossMachine);
        Assert.Equal("m-intel", report.BaseMachineId);
        Assert.Equal("m-amd", report.HeadMachineId);
    }

    [Fact]
    public void SameMachineIsNotCrossMachine()
    {
        ComparisonReport report = comparer.Compare(Envelope("aaaa", [Simple("A", Samples(1, 5))]), Envelope("bbbb", [Simple("A", Samples(1, 5))]));

        Assert.False(report.CrossMachine);
    }

    [Fact]
    public void NoBenchmarkInCommonIsAOneLineErrorNotAPass()
    {
        var e = Assert.Throws<HarnessException>(() => comparer.Compare(Envelope("aaaa", [Simple("A", Samples(1, 5))]), Envelope("bbbb", [Simple("B", Samples(1, 5))])));

        Assert.Equal("base and head have no benchmark in common (1 in base, 1 in head)", e.Message);
    }

    [Fact]
    public void SmokeRunsAreRefusedUnlessIncluded()
    {
        ResultsEnvelope quick = Envelope("aaaa", [Simple("A", Samples(1, 5))]);
        ResultsEnvelope dry = Envelope("bbbb", [Simple("A", Samples(1, 5))]);
        dry = new ResultsEnvelope { Git = dry.Git, MachineId = dry.MachineId, Job = "dry", Smoke = true, Benchmarks = dry.Benchmarks };
        // A file from before the flag existed: the dry job alone marks it.
        ResultsEnvelope oldDry = new() { Git = dry.Git, MachineId = dry.MachineId, Job = "dry", Benchmarks = dry.Benchmarks };

        var e = Assert.Throws<HarnessException>(() => comparer.Compare(quick, dry));
        Assert.Equal("head run bbbb is a smoke run (job dry): its numbers mean nothing; pass --include-smoke to compare it anyway", e.Message);
        Assert.Throws<HarnessException>(() => comparer.Compare(oldDry, quick));
        Assert.Single(new BenchmarkComparer(ComparisonOptions.Default with { IncludeSmoke = true, AllowMixedSetup = true }).Compare(quick, dry).Benchmarks);
    }

    [Fact]
    public void DuplicateBenchmarkIdIsAOneLineHarnessError()
    {
        ResultsEnvelope twice = Envelope("aaaa", [Simple("A", Samples(1, 5)), Simple("A", Samples(1, 5))]);

        HarnessException e = Assert.Throws<HarnessException>(() => comparer.Compare(twice, Envelope("bbbb", [])));
        Assert.Equal("base results list benchmark id 'synthetic/a' twice", e.Message);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void DirtyCommitIsLabelled()
    {
        ComparisonReport report = comparer.Compare(Envelope("aaaa", [Simple("A", Samples(1, 5))]), Envelope("bbbb", [Simple("A", Samples(1, 5))], dirty: true));

        Assert.Equal("aaaa", report.BaseCommit);
        Assert.Equal("bbbb-dirty", report.HeadCommit);
    }
}
