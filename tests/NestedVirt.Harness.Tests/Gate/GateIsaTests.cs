using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Instructions;

namespace NestedVirt.Harness.Tests.Gate;

public sealed class GateIsaTests
{
    private static GateBaseline Baseline(string? isa) => new()
    {
        Runtime = ".NET 10.0.12",
        Cpu = "AMD EPYC",
        Isa = isa,
        Instructions = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["walk.ept.1d.4l"] = 429.1 },
    };

    [Fact]
    public void APinnedBaselineIsComparedOnAnotherCpuModel()
    {
        Assert.Null(GateComparer.InstructionSkipReason(Baseline(CallgrindRunner.IsaPin), ".NET 10.0.12", "Intel Xeon", CallgrindRunner.IsaPin));
    }

    [Fact]
    public void APinnedBaselineIsSkippedOnAnotherRuntimeOrIsa()
    {
        Assert.Contains("instruction sets", GateComparer.InstructionSkipReason(Baseline(CallgrindRunner.IsaPin), ".NET 10.0.13", "AMD EPYC", CallgrindRunner.IsaPin));
        Assert.NotNull(GateComparer.InstructionSkipReason(Baseline(CallgrindRunner.IsaPin), ".NET 10.0.12", "AMD EPYC", "Arm64"));
    }

    [Fact]
    public void AnUnpinnedBaselineStillNeedsItsCpuModel()
    {
        Assert.NotNull(GateComparer.InstructionSkipReason(Baseline(null), ".NET 10.0.12", "Intel Xeon", CallgrindRunner.IsaPin));
        Assert.Null(GateComparer.InstructionSkipReason(Baseline(null), ".NET 10.0.12", "AMD EPYC", CallgrindRunner.IsaPin));
    }

    [Fact]
    public void CountingPinsTheJitToX8664V2()
    {
        Assert.Equal("0", CallgrindRunner.DotnetEnvironment["DOTNET_EnableAVX"]);
    }
}
