using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Machine;

public sealed class MachineProbeTests
{
    [Fact]
    public void InfoFieldsComeFromTheTree()
    {
        using var tree = FakeMachineTree.Tuned();

        MachineInfo info = tree.Probe().ReadInfo();

        Assert.Equal("Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz", info.CpuModel);
        Assert.Equal("GenuineIntel", info.CpuVendor);
        Assert.Equal(4, info.LogicalCores);
        Assert.Equal(32768000L * 1024, info.MemoryTotalBytes);
        Assert.Equal("6.8.0-nvtest", info.Kernel);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", info.Os);
        Assert.Equal("bare-metal", info.Virtualization);
        Assert.Null(info.Hypervisor);
        Assert.True(info.KvmPresent);
        Assert.StartsWith(".NET", info.Runtime);
    }

    [Fact]
    public void StateFieldsComeFromTheTree()
    {
        using var tree = FakeMachineTree.Untuned();

        MachineState state = tree.Probe().ReadState();

        Assert.Equal("performance,powersave", state.Governor);
        Assert.Equal("intel_pstate", state.ScalingDriver);
        Assert.True(state.Turbo);
        Assert.True(state.Smt);
        Assert.Equal("", state.IsolatedCpus);
        Assert.Equal("", state.NohzFull);
        Assert.Equal(2, state.Aslr);
        Assert.Equal(1.5, state.LoadAverage1);
        Assert.Equal((8388604L - 8286204L) * 1024, state.SwapUsedBytes);
        Assert.True(state.KvmAccessible);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["kvm.tdp_mmu"] = "Y",
                ["kvm_intel.enlightened_vmcs"] = "N",
                ["kvm_intel.ept"] = "Y",
                ["kvm_intel.nested"] = "N",
            },
            state.KvmParameters);
    }

    [Fact]
    public void EmptyTreeGivesNullsAndUnknowns()
    {
        using var tree = new FakeMachineTree();

        MachineInfo info = tree.Probe().ReadInfo();
        MachineState state = tree.Probe().ReadState();

        Assert.Equal("", info.CpuModel);
        Assert.Null(info.CpuVendor);
        Assert.Null(info.MemoryTotalBytes);
        Assert.Equal("", info.Kernel);
        Assert.Equal("unknown", info.Virtualization);
        Assert.False(info.KvmPresent);
        Assert.Equal(Environment.ProcessorCount, info.LogicalCores);
        Assert.Null(state.Governor);
        Assert.Null(state.ScalingDriver);
        Assert.Null(state.Turbo);
        Assert.Null(state.Smt);
        Assert.Null(state.IsolatedCpus);
        Assert.Null(state.NohzFull);
        Assert.Null(state.Aslr);
        Assert.Null(state.LoadAverage1);
        Assert.Null(state.SwapUsedBytes);
        Assert.Null(state.KvmAccessible);
        Assert.Empty(state.KvmParameters);
    }

    [Fact]
    public void MalformedFilesGiveNulls()
    {
        using var tree = FakeMachineTree.Tuned()
            .With("/proc/loadavg", "busy\n")
            .With("/proc/sys/kernel/randomize_va_space", "two\n")
            .With("/sys/devices/system/cpu/smt/active", "maybe\n")
            .With("/proc/meminfo", "MemTotal: lots\n");

        MachineState state = tree.Probe().ReadState();

        Assert.Null(state.LoadAverage1);
        Assert.Null(state.Aslr);
        Assert.Null(state.Smt);
        Assert.Null(state.SwapUsedBytes);
        Assert.Null(tree.Probe().ReadInfo().MemoryTotalBytes);
    }

    public static TheoryData<string, string, string, string?> VirtualizationSignals => new()
    {
        // file, content, expected kind, expected hypervisor
        { "/proc/cpuinfo", FakeMachineTree.CpuInfo("AMD EPYC", 2, hypervisor: true, vendor: "AuthenticAMD"), "vm", null },
        { "/sys/class/dmi/id/sys_vendor", "QEMU\n", "vm", "qemu" },
        { "/sys/class/dmi/id/product_name", "VMware Virtual Platform\n", "vm", "vmware" },
        { "/sys/hypervisor/type", "xen\n", "vm", "xen" },
        { "/sys/class/dmi/id/sys_vendor", "Supermicro\n", "bare-metal", null },
    };

    [Theory]
    [MemberData(nameof(VirtualizationSignals))]
    public void VirtualizationIsDetectedFromEachSignal(string file, string content, string kind, string? hypervisor)
    {
        using var tree = FakeMachineTree.Tuned()
            .Without("/sys/class/dmi/id/sys_vendor")
            .Without("/sys/class/dmi/id/product_name")
            .With(file, content);

        MachineInfo info = tree.Probe().ReadInfo();

        Assert.Equal(kind, info.Virtualization);
        Assert.Equal(hypervisor, info.Hypervisor);
    }

    [Theory]
    [InlineData("/sys/devices/system/cpu/cpufreq/boost", "1\n", true)]
    [InlineData("/sys/devices/system/cpu/cpufreq/boost", "0\n", false)]
    [InlineData("/sys/devices/system/cpu/cpufreq/policy0/boost", "1\n", true)]
    [InlineData("/sys/devices/system/cpu/cpufreq/policy0/boost", "0\n", false)]
    public void TurboIsReadFromBoostWhenIntelPstateIsAbsent(string file, string content, bool expected)
    {
        using var tree = FakeMachineTree.Tuned().Without("/sys/devices/system/cpu/intel_pstate/no_turbo").With(file, content);

        Assert.Equal(expected, tree.Probe().ReadState().Turbo);
    }

    [Fact]
    public void GovernorFallsBackToPerCpuFilesWithoutPolicyFolders()
    {
        using var tree = new FakeMachineTree()
            .With("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "schedutil\n")
            .With("/sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "schedutil\n")
            .With("/sys/devices/system/cpu/cpuidle/current_driver", "none\n");

        Assert.Equal("schedutil", tree.Probe().ReadState().Governor);
    }

    [Fact]
    public void SwapFallsBackToProcSwaps()
    {
        using var tree = new FakeMachineTree()
            .With("/proc/meminfo", "MemTotal:       1024 kB\n")
            .With("/proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n/dev/sda2 partition\t8388604\t1000\t-2\n/swapfile file\t1024\t24\t-3\n");

        Assert.Equal(1024L * 1024, tree.Probe().ReadState().SwapUsedBytes);
    }

    [Fact]
    public void SnapshotCarriesTheIdOfItsInfo()
    {
        using var tree = FakeMachineTree.Tuned();

        var snapshot = tree.Probe().Probe();

        Assert.Equal(tree.Probe().ComputeId(snapshot.Info), snapshot.Id);
        Assert.StartsWith("intel-xeon-gold-6152-2-10ghz-4cpu-", snapshot.Id);
    }
}
