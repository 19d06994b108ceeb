using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Instructions;

namespace NestedVirt.Harness.Tests.Gate;

/// <summary>The gate compares instruction counts exactly by default, and only within one counting setup.</summary>
public sealed class GateExactInstructionTests
{
    private static readonly string Setup = InstructionSetup.Of(".NET 10.0.12", 50_000, ["rvr/intel/postmessage/relayed/clean"]);

    private static GateBaseline Measured(double perOp, string? setup = null) => new()
    {
        Runtime = ".NET 10.0.12",
        Cpu = "AMD EPYC",
        Isa = CallgrindRunner.IsaPin,
        InstructionSetup = setup ?? Setup,
        InstructionIterations = 50_000,
        Instructions = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["rvr/intel/postmessage/relayed/clean"] = perOp },
    };

    [Fact]
    public void OneInstructionOverAllOperationsFailsTheGate()
    {
        GateReport report = GateComparer.Compare(Measured(66_000_000 / 50_000.0), Measured(66_000_001 / 50_000.0));

        Assert.False(report.Passed);
        GateDifference difference = Assert.Single(report.Differences);
        Assert.Equal("1320.0", difference.Baseline);
        Assert.Equal("1320.00002", difference.Now);
        Assert.StartsWith("+0.00002", difference.Delta);
    }

    [Fact]
    public void EqualCountsPassAndSayIdentical()
    {
        GateReport report = GateComparer.Compare(Measured(1320.0), Measured(1320.0));

        Assert.True(report.Passed);
        Assert.Equal(1, report.InstructionsCompared);
        Assert.Contains("instructions of 1 case(s) identical", GateReportWriter.Text(report, "b.json", GateComparer.DefaultThresholdPercent, "update"));
    }

    [Fact]
    public void AnExplicitThresholdStillTolerates()
    {
        Assert.True(GateComparer.Compare(Measured(1320.0), Measured(1321.0), thresholdPercent: 1).Passed);
    }

    [Fact]
    public void CountsOfAnotherSetupAreSkippedWithOneNote()
    {
        GateReport report = GateComparer.Compare(Measured(1320.0), Measured(1400.0, Setup.Replace("N=50000", "N=5000", StringComparison.Ordinal)));

        Assert.True(report.Passed);
        Assert.Equal(0, report.InstructionsCompared);
        Assert.Contains("different setup", Assert.Single(report.Notes));
    }

    [Fact]
    public void ABaselineFromBeforeExactCountsAsksForAnUpdate()
    {
        GateBaseline old = new()
        {
            Runtime = ".NET 10.0.12",
            Cpu = "AMD EPYC",
            Isa = CallgrindRunner.IsaPin,
            Instructions = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["walk.ept.1d.4l"] = 309 },
        };

        GateReport report = GateComparer.Compare(old, Measured(1320.0));

        Assert.Contains("predate exact counting", Assert.Single(report.Notes));
    }
}
