using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Instructions;

namespace NestedVirt.Harness.Tests.Gate;

/// <summary>The gate compares instruction counts exactly by default, and only within one counting setup.</summary>
public sealed class GateExactInstructionTests
{
    private static readonly string Setup = InstructionSetup.Of(".NET 10.0.12", 50_000, ["rvr/intel/postmessage/relayed/clean"]);

    private static GateBaseline Measured(double perOp, string? setup = null, string cpu = "AMD EPYC") => new()
    {
        Runtime = ".NET 10.0.12",
        Cpu = cpu,
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
        Assert.Contains("instructions of 1 case(s) identical", GateReportWriter.Text(report, "b.json", "update"));
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

    // Another CPU model, same runtime and pin: compared, within 0.1 % instead of exactly, and said so.
    [Theory]
    [InlineData(1320.0, 1320.0, "AMD EPYC", true)]
    [InlineData(1320.0, 1321.0, "Intel Xeon", true)] // +0.076 %
    [InlineData(1320.0, 1322.0, "Intel Xeon", false)] // +0.15 %
    [InlineData(1320.0, 1320.2, "AMD EPYC", false)] // same model: exact
    public void AnotherCpuModelIsComparedWithinTheCrossCpuTolerance(double baseline, double now, string cpu, bool passes)
    {
        GateReport report = GateComparer.Compare(Measured(baseline), Measured(now, cpu: cpu));

        Assert.Equal(passes, report.Passed);
        Assert.Equal(1, report.InstructionsCompared);
        Assert.Equal(cpu != "AMD EPYC", report.Notes.Any(n => n.Contains("within 0.1 %, not exactly", StringComparison.Ordinal)));
        if (passes)
        {
            Assert.Contains(cpu == "AMD EPYC" ? "case(s) identical" : "case(s) within 0.1%", GateReportWriter.Text(report, "b.json", "update"));
        }
    }
}
