using System.Text.RegularExpressions;
using NestedVirt.Harness.Instructions;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Statistics;

/// <summary>The deterministic channel in <c>compare</c>: stored instruction counts, exactly.</summary>
public sealed class InstructionComparisonTests
{
    private readonly BenchmarkComparer comparer = new(ComparisonOptions.Default);

    [Fact]
    public void OneInstructionMoreOverAllOperationsIsAReportedChange()
    {
        ComparisonReport report = comparer.Compare(CountedRun("aaaa", 66_000_000), CountedRun("bbbb", 66_000_001));

        CounterChange change = Assert.Single(Assert.Single(report.ModelChanges).Changes);
        Assert.Equal(BenchmarkComparer.InstructionsCounter, change.Name);
        Assert.Equal(1320.0, change.BaseValue);
        Assert.Equal(1320.00002, change.HeadValue);
        Assert.Contains("instructions/op 1320 -> 1320.00002 (+0.00002/op)", VerdictText.Counters(Assert.Single(report.ModelChanges)));
        Assert.Null(report.InstructionNote);
    }

    [Fact]
    public void EqualCountsAreNoChange()
    {
        ComparisonReport report = comparer.Compare(CountedRun("aaaa", 66_000_000), CountedRun("bbbb", 66_000_000));

        Assert.Empty(report.ModelChanges);
        Assert.Null(report.InstructionNote);
    }

    [Fact]
    public void CountsOfAnotherSetupAreRefusedInOneLineAndNotCompared()
    {
        string other = CountedSetup.Replace("EnableAVX=0", "EnableAVX=1", StringComparison.Ordinal);
        Assert.NotEqual(CountedSetup, other);

        ComparisonReport report = comparer.Compare(CountedRun("aaaa", 66_000_000), CountedRun("bbbb", 70_000_000, other));

        Assert.Empty(report.ModelChanges);
        Assert.StartsWith("instruction counts not compared: counted with different setups", report.InstructionNote);
        Assert.DoesNotContain('\n', report.InstructionNote!);
    }

    [Fact]
    public void CountsFromBeforeExactCountingAreNotCompared()
    {
        ComparisonReport report = comparer.Compare(CountedRun("aaaa", 66_000_000, setup: ""), CountedRun("bbbb", 70_000_000));

        Assert.Empty(report.ModelChanges);
        Assert.Contains("predates exact counts", report.InstructionNote);
    }

    [Fact]
    public void TheSetupNamesTheCaseListSoAnotherListIsAnotherSetup()
    {
        Assert.NotEqual(CountedSetup, InstructionSetup.Of(".NET 10.0.12", 50_000, ["synthetic/walk", "synthetic/other"]));
        Assert.NotEqual(CountedSetup, InstructionSetup.Of(".NET 10.0.12", 5_000, ["synthetic/walk"]));
        Assert.Equal(CountedSetup, InstructionSetup.Of(".NET 10.0.12", 50_000, ["synthetic/walk"]));
    }

    [Fact]
    public void AResultsFileWithoutInstructionCountsStillLoads()
    {
        string json = ResultsJson.Serialize(Envelope("aaaa", [Simple("Walk", Samples(50, 15))]));
        Assert.Contains("\"instructionCounts\": []", json);
        string old = json.Replace("\"instructionCounts\": [],", "", StringComparison.Ordinal);
        Assert.DoesNotContain("instructionCounts", old);

        ResultsEnvelope loaded = ResultsJson.Deserialize<ResultsEnvelope>(old)!;

        Assert.Empty(loaded.InstructionCounts);
        Assert.Null(BenchmarkComparer.InstructionNote(loaded, loaded));
    }

    [Fact]
    public void ACountFromBeforeSetupsLoadsWithAnEmptySetup()
    {
        ResultsEnvelope loaded = ResultsJson.Deserialize<ResultsEnvelope>(
            Regex.Replace(ResultsJson.Serialize(CountedRun("aaaa", 1)), @",\s*""(setup|instructions)"": (""[^""]*""|1)(?=\s*[,}])", ""))!;

        InstructionCount count = Assert.Single(loaded.InstructionCounts);
        Assert.Equal(0, count.Instructions);
        Assert.Equal("", count.Setup);
        Assert.Contains("predates exact counts", BenchmarkComparer.InstructionNote(loaded, CountedRun("bbbb", 1)));
    }
}
