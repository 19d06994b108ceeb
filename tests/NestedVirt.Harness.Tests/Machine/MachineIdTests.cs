using NestedVirt.Harness.Machine;

namespace NestedVirt.Harness.Tests.Machine;

public sealed class MachineIdTests
{
    private const string Model = "AMD EPYC 7B13 64-Core Processor";
    private const long Memory = 24L << 30;
    private const string SystemId = "3d1219c7c4c5404aaa1f6d2a48adfda4";

    [Fact]
    public void SameInputsGiveTheSameId()
    {
        Assert.Equal(
            MachineId.Compute(Model, 2, Memory, SystemId, "vm"),
            MachineId.Compute(Model, 2, Memory, SystemId + "\n", "vm"));
    }

    [Fact]
    public void IdenticalTreesGiveTheSameId()
    {
        using var a = FakeMachineTree.Tuned();
        using var b = FakeMachineTree.Tuned();

        Assert.Equal(a.Probe().Probe().Id, b.Probe().Probe().Id);
    }

    [Fact]
    public void StateChangesDoNotChangeTheId()
    {
        using var tuned = FakeMachineTree.Tuned();
        using var busy = FakeMachineTree.Tuned()
            .With("/proc/loadavg", "3.0 2.0 1.0 1/1 1\n")
            .With("/sys/devices/system/cpu/cpufreq/policy0/scaling_governor", "powersave\n");

        Assert.Equal(tuned.Probe().Probe().Id, busy.Probe().Probe().Id);
    }

    public static TheoryData<string, int, long?, string?, string> Variants => new()
    {
        { "Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz", 2, Memory, SystemId, "vm" },
        { Model, 4, Memory, SystemId, "vm" },
        { Model, 2, Memory + (1L << 30), SystemId, "vm" },
        { Model, 2, Memory, "ffffffffffffffffffffffffffffffff", "vm" },
        { Model, 2, Memory, SystemId, "bare-metal" },
        { Model, 2, null, SystemId, "vm" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void AnyDifferentInputGivesADifferentId(string model, int cores, long? memory, string? systemId, string virtualization)
    {
        Assert.NotEqual(MachineId.Compute(Model, 2, Memory, SystemId, "vm"), MachineId.Compute(model, cores, memory, systemId, virtualization));
    }

    [Fact]
    public void MemoryDriftOfAFewMiBKeepsTheId()
    {
        Assert.Equal(
            MachineId.Compute(Model, 2, Memory - (300L << 20), SystemId, "vm"),
            MachineId.Compute(Model, 2, Memory + (200L << 20), SystemId, "vm"));
    }

    [Fact]
    public void IdIsSlugThenCpuCountThenEightHexDigits()
    {
        string id = MachineId.Compute(Model, 2, Memory, SystemId, "vm");

        Assert.Matches("^amd-epyc-7b13-64-core-2cpu-[0-9a-f]{8}$", id);
    }

    [Theory]
    [InlineData("Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz", "intel-xeon-gold-6152-2-10ghz")]
    [InlineData("AMD EPYC 7B13 64-Core Processor", "amd-epyc-7b13-64-core")]
    [InlineData("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", "intel-core-i7-8650u-1-90ghz")]
    [InlineData("AMD EPYC", "amd-epyc")]
    [InlineData("", "cpu")]
    [InlineData("(R)(TM)", "cpu")]
    [InlineData("Very Long Model Name With Many Many Words That Goes On And On", "very-long-model-name-with-many-many")]
    public void SlugIsLowercaseWordsWithoutTrademarks(string model, string expected)
    {
        Assert.Equal(expected, MachineId.Slug(model));
    }
}
