using NestedVirt.Harness.History;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.History;

/// <summary>history's deterministic channel: every exact change of a stored count, commit to commit.</summary>
public sealed class InstructionHistoryTests
{

    [Fact]
    public void EveryInstructionOfChangeBetweenCommitsIsAStep()
    {
        HistoryReport report = HistoryAnalyzer.Analyze(
            [CountedRun("aaaa", 66_000_000), CountedRun("bbbb", 66_000_000), CountedRun("cccc", 66_000_001), Envelope("dddd", [Simple("Walk", Samples(50, 15))])],
            new HistoryOptions { MachineId = "machine-1" });

        InstructionStep step = Assert.Single(report.InstructionSteps);
        Assert.Equal(("synthetic/walk", "bbbb", "cccc"), (step.Id, step.FromCommit, step.ToCommit));
        Assert.Equal(1320.0, step.BasePerOp);
        Assert.Equal(1320.00002, step.HeadPerOp);
        Assert.Empty(report.InstructionNotes);
    }

    [Fact]
    public void ASetupChangeIsANoteNotAStep()
    {
        HistoryReport report = HistoryAnalyzer.Analyze(
            [CountedRun("aaaa", 66_000_000), CountedRun("bbbb", 70_000_000, CountedSetup.Replace(".NET 10.0.12", ".NET 10.0.13", StringComparison.Ordinal))],
            new HistoryOptions { MachineId = "machine-1" });

        Assert.Empty(report.InstructionSteps);
        Assert.StartsWith("aaaa -> bbbb: instruction counts not compared: counted with different setups", Assert.Single(report.InstructionNotes));
    }
}
