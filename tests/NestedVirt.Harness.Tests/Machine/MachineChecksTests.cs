using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Machine;

public sealed class MachineChecksTests
{
    private static readonly MachineInfo BareMetal = new() { CpuModel = "x", LogicalCores = 8, Virtualization = "bare-metal", KvmPresent = true };

    public static TheoryData<string, MachineState, CheckStatus, string?> Cases => new()
    {
        // check name, state, expected status, expected advice
        { "/dev/kvm", new MachineState { KvmAccessible = false }, CheckStatus.Warn, "usermod -aG kvm $USER, then log in again" },
        { "/dev/kvm", new MachineState { KvmAccessible = true }, CheckStatus.Ok, null },
        { "turbo/boost", new MachineState { Turbo = true, ScalingDriver = "acpi-cpufreq" }, CheckStatus.Warn, "echo 0 > /sys/devices/system/cpu/cpufreq/boost" },
        { "turbo/boost", new MachineState { Turbo = true, ScalingDriver = "intel_cpufreq" }, CheckStatus.Warn, "echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo" },
        { "load average", new MachineState { LoadAverage1 = 0.79 }, CheckStatus.Ok, null },
        { "load average", new MachineState { LoadAverage1 = 0.8 }, CheckStatus.Warn, "stop other work first (see top or uptime)" },
        { "aslr", new MachineState { Aslr = 1 }, CheckStatus.Warn, "echo 0 > /proc/sys/kernel/randomize_va_space" },
        { "swap", new MachineState { SwapUsedBytes = 0 }, CheckStatus.Ok, null },
        { "npt (kvm_amd)", new MachineState { KvmParameters = new() { ["kvm_amd.npt"] = "0" } }, CheckStatus.Warn, "modprobe -r kvm_amd && modprobe kvm_amd npt=1" },
        { "nested (kvm_amd)", new MachineState { KvmParameters = new() { ["kvm_amd.nested"] = "1" } }, CheckStatus.Ok, null },
        { "ept (kvm_intel)", new MachineState { KvmParameters = new() { ["kvm_intel.ept"] = "N" } }, CheckStatus.Warn, "modprobe -r kvm_intel && modprobe kvm_intel ept=1" },
        { "evmcs (kvm_intel)", new MachineState { KvmParameters = new() { ["kvm_intel.enlightened_vmcs"] = "Y" } }, CheckStatus.Ok, null },
        { "nested (kvm_intel)", new MachineState { KvmParameters = new() { ["kvm_intel.nested"] = "maybe" } }, CheckStatus.NotAvailable, null },
        { "kvm parameters", new MachineState { KvmParameters = new() { ["kvm.tdp_mmu"] = "Y" } }, CheckStatus.NotAvailable, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CheckGivesExpectedStatusAndAdvice(string name, MachineState state, CheckStatus status, string? advice)
    {
        MachineCheck check = MachineChecks.Evaluate(BareMetal, state).Single(c => c.Name == name);

        Assert.Equal(status, check.Status);
        Assert.Equal(advice, check.Advice);
    }

    [Fact]
    public void EveryWarningHasShortAdvice()
    {
        var worst = new MachineState
        {
            Governor = "powersave", Turbo = true, Smt = true, IsolatedCpus = "", NohzFull = "", Aslr = 2, LoadAverage1 = 99,
            SwapUsedBytes = 1, KvmAccessible = false,
            KvmParameters = new() { ["kvm_intel.nested"] = "N", ["kvm_intel.ept"] = "N", ["kvm_amd.npt"] = "N", ["kvm_amd.nested"] = "0" },
        };
        var vm = new MachineInfo { LogicalCores = 2, Virtualization = "vm", Hypervisor = "cloud-hypervisor", KvmPresent = true };

        IReadOnlyList<MachineCheck> checks = MachineChecks.Evaluate(vm, worst);

        Assert.All(checks, c => Assert.Equal(CheckStatus.Warn, c.Status));
        Assert.All(checks, c => Assert.InRange(c.Advice!.Length, 1, MachineChecks.MaxAdviceLength));
    }
}
