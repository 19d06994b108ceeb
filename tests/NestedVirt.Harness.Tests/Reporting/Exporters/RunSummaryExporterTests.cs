using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Reporting.Exporters;

public sealed class RunSummaryExporterTests
{
    private static BenchmarkResult Result(string suite, string method, double median, long allocated = 0, params (string Name, string Value)[] parameters) => new()
    {
        Id = BenchmarkName.Of(suite, method, parameters.ToDictionary(p => p.Name, p => p.Value)),
        Suite = suite,
        Method = method,
        Parameters = parameters.ToDictionary(p => p.Name, p => p.Value),
        SamplesNs = [median],
        MedianNs = median,
        AllocatedBytesPerOp = allocated,
        Counters = new() { ["GuestEntriesRead"] = 24 },
        ModelledNs = 843,
    };

    private static ResultsEnvelope Envelope(long relayAllocation = 0, string? toolchain = null, double load = 0.1) => new()
    {
        Machine = new MachineInfo { LogicalCores = 2 },
        State = new MachineState { LoadAverage1 = load },
        Job = "quick",
        Toolchain = toolchain,
        BenchmarkDotNetVersion = toolchain is null ? null : "0.15.8",
        CostTable = new CostTableInfo { Name = "published-lkml-2020" },
        Benchmarks =
        [
            Result("RelayVsReflection", "Hypercall", 70, relayAllocation, ("Vendor", "Intel"), ("Call", "PostMessage"), ("Path", "Relayed"), ("Clean", "True")),
            Result("RelayVsReflection", "Hypercall", 140, 0, ("Vendor", "Intel"), ("Call", "PostMessage"), ("Path", "Reflected"), ("Clean", "True")),
            Result("NestedWalk", "Walk", 20, 0, ("Format", "Ept"), ("Levels", "4"), ("PageSize", "Size4K"), ("Dimension", "OneD"), ("Caches", "Cold")),
            Result("NestedWalk", "Walk", 30, 0, ("Format", "Npt"), ("Levels", "4"), ("PageSize", "Size4K"), ("Dimension", "OneD"), ("Caches", "Cold")),
            Result("ExitRouting", "Route", 8, 0, ("Vendor", "Intel")),
            Result("ExitRouting", "Route", 4, 0, ("Vendor", "Amd")),
            Result("ExitDispatch", "RouteAndDispatch", 9, 0, ("Strategy", "Switch")),
        ],
    };

    [Fact]
    public void SummaryShowsRelayAgainstReflectionEptAgainstNptAndExitsWithinSeventyTwoColumns()
    {
        string summary = RunSummaryExporter.Format(Envelope());

        Assert.Contains("VMX     PostMessage  yes     70.0      140  2.00x              843/843", summary);
        Assert.Contains("1-D 4L 4K cold  20.0  30.0    1.50x            24/24", summary);
        Assert.Contains("Exit routing (L0 or L1), ns per exit of the mix: VMX 8.0, SVM 4.0", summary);
        Assert.Contains("Route and dispatch, ns per exit: Switch 9.0", summary);
        Assert.Contains("Allocation check: OK, 7 of 7 cases measured, all 0 B/op.", summary);
        Assert.All(summary.Split('\n'), line => Assert.True(line.Length <= 72, line));
        Assert.False(RunSummaryExporter.AnyAllocation(Envelope()));
    }

    // Issue 11 item 13: the load was in the results file but not in the summary.
    [Theory]
    [InlineData(0.3, false)]
    [InlineData(1.87, true)]
    public void ALoadedMachineIsNamedInTheSummary(double load, bool warned)
    {
        string summary = RunSummaryExporter.Format(Envelope(load: load));

        Assert.Equal(warned, summary.Contains("Warning: load average 1.87 on 2 CPU(s) at the start", StringComparison.Ordinal));
        Assert.All(summary.Split('\n'), line => Assert.True(line.Length <= 72, line));
    }

    [Fact]
    public void SummaryShowsTheCSharpWalkerAgainstTheCWalkerWithTheRatioOfTheRun()
    {
        var envelope = new ResultsEnvelope
        {
            CostTable = new CostTableInfo { Name = "published-lkml-2020" },
            Benchmarks =
            [
                Result("WalkVsC", "CSharp", 20, 0, ("Format", "Ept"), ("Dimension", "OneD")),
                Result("WalkVsC", "C", 8, 0, ("Format", "Ept"), ("Dimension", "OneD")),
                Result("WalkVsC", "CSharp", 250, 0, ("Format", "Npt"), ("Dimension", "TwoD")),
                Result("WalkVsC", "C", 200, 0, ("Format", "Npt"), ("Dimension", "TwoD")),
            ],
        };

        string summary = RunSummaryExporter.Format(envelope);

        Assert.Contains("C# walker vs plain C (cc -O2), same tables and stream (median ns per", summary);
        Assert.Contains("walk     table    c#    c   c#/c", summary);
        Assert.Contains("1-D      EPT    20.0  8.0  2.50x", summary);
        Assert.Contains("2-D 4/4  NPT     250  200  1.25x", summary);
        Assert.All(summary.Split('\n'), line => Assert.True(line.Length <= 72, line));
    }

    [Fact]
    public void AnAllocatingCaseFailsTheAllocationCheckByName()
    {
        ResultsEnvelope envelope = Envelope(relayAllocation: 24);

        string summary = RunSummaryExporter.Format(envelope);

        Assert.Contains("Allocation check: FAILED, 1 case(s) allocate:", summary);
        Assert.Contains("24 B/op  rvr/intel/postmessage/relayed/clean", summary);
        Assert.True(RunSummaryExporter.AnyAllocation(envelope));
    }

    [Fact]
    public void SummarySaysWhichToolchainAndJobMeasured()
    {
        string summary = RunSummaryExporter.Format(Envelope(toolchain: "out-of-process"));

        Assert.Contains("Job quick, out-of-process (BenchmarkDotNet 0.15.8).", summary);
        Assert.DoesNotContain("BenchmarkDotNet", RunSummaryExporter.Format(Envelope()));
    }
}
