using System.Globalization;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>
/// Judges a machine's state for benchmarking, check by check, as pyperf's <c>system show</c>
/// does (psf/pyperf <c>pyperf/_system.py</c>), plus the KVM settings nested-virtualization
/// numbers depend on. Every advice line is at most <see cref="MaxAdviceLength"/> characters.
/// </summary>
public static class MachineChecks
{
    /// <summary>Longest advice line, so an indented report fits 72 columns.</summary>
    public const int MaxAdviceLength = 64;

    /// <summary>The load-average limit per logical CPU (pyperf's rule of thumb is an idle machine).</summary>
    public const double LoadPerCpuLimit = 0.1;

    /// <summary>Evaluates every check, in report order.</summary>
    /// <param name="info">Fixed facts.</param>
    /// <param name="state">Tuning state.</param>
    /// <returns>One entry per check; KVM parameter checks appear only for parameters that were read.</returns>
    public static IReadOnlyList<MachineCheck> Evaluate(MachineInfo info, MachineState state)
    {
        List<MachineCheck> checks =
        [
            Virtualization(info),
            Governor(state),
            Turbo(state),
            Smt(state),
            CpuList("isolated cpus", state.IsolatedCpus, "boot with isolcpus=<cpus>; run under taskset -c <cpus>"),
            CpuList("nohz_full", state.NohzFull, "boot with nohz_full=<cpus> rcu_nocbs=<cpus>"),
            Aslr(state),
            Load(info, state),
            Swap(state),
            Kvm(info, state),
        ];
        KvmParameterChecks.AddTo(checks, state.KvmParameters);
        return checks;
    }

    private static MachineCheck Virtualization(MachineInfo info) => info.Virtualization switch
    {
        "bare-metal" => new("virtualization", CheckStatus.Ok, "bare metal"),
        "vm" => new("virtualization", CheckStatus.Warn, info.Hypervisor is null ? "VM" : $"VM ({info.Hypervisor})",
            "VM wall-clock numbers are noisy: prefer bare metal"),
        _ => new("virtualization", CheckStatus.NotAvailable, "unknown"),
    };

    private static MachineCheck Governor(MachineState state) => state.Governor switch
    {
        null => new("cpu governor", CheckStatus.NotAvailable, "no cpufreq (usual in a VM)"),
        "performance" => new("cpu governor", CheckStatus.Ok, "performance"),
        string g => new("cpu governor", CheckStatus.Warn, g, "cpupower frequency-set -g performance"),
    };

    private static MachineCheck Turbo(MachineState state)
    {
        // intel_pstate has its own switch (admin-guide/pm/intel_pstate.rst, no_turbo); other
        // drivers use the generic cpufreq boost file (admin-guide/pm/cpufreq.rst).
        bool intel = state.ScalingDriver is "intel_pstate" or "intel_cpufreq";
        return state.Turbo switch
        {
            null => new("turbo/boost", CheckStatus.NotAvailable, "not exposed"),
            false => new("turbo/boost", CheckStatus.Ok, "off"),
            true => new("turbo/boost", CheckStatus.Warn, "on", intel
                ? "echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo"
                : "echo 0 > /sys/devices/system/cpu/cpufreq/boost"),
        };
    }

    private static MachineCheck Smt(MachineState state) => state.Smt switch
    {
        null => new("smt", CheckStatus.NotAvailable, "not exposed"),
        false => new("smt", CheckStatus.Ok, "off"),
        true => new("smt", CheckStatus.Warn, "on (siblings share a core)",
            "echo off > /sys/devices/system/cpu/smt/control, or boot nosmt"),
    };

    private static MachineCheck CpuList(string name, string? cpus, string advice) => cpus switch
    {
        null => new(name, CheckStatus.NotAvailable, "not exposed"),
        "" => new(name, CheckStatus.Warn, "none", advice),
        _ => new(name, CheckStatus.Ok, cpus),
    };

    // Following the brief and LLVM's "Benchmarking tips" (llvm.org/docs/Benchmarking.html:
    // "Disable address space randomization"): 0 makes code and data addresses repeat between
    // runs. pyperf chooses the opposite (full randomization, then averages over processes).
    private static MachineCheck Aslr(MachineState state) => state.Aslr switch
    {
        null => new("aslr", CheckStatus.NotAvailable, "not exposed"),
        0 => new("aslr", CheckStatus.Ok, "off (0)"),
        int v => new("aslr", CheckStatus.Warn, v == 2 ? "full (2)" : $"on ({v.ToString(CultureInfo.InvariantCulture)})",
            "echo 0 > /proc/sys/kernel/randomize_va_space"),
    };

    private static MachineCheck Load(MachineInfo info, MachineState state)
    {
        if (state.LoadAverage1 is not double load || info.LogicalCores <= 0)
        {
            return new("load average", CheckStatus.NotAvailable, "not exposed");
        }

        double limit = LoadPerCpuLimit * info.LogicalCores;
        string detail = string.Create(CultureInfo.InvariantCulture, $"{load:F2} (limit {limit:F2} for {info.LogicalCores} CPUs)");
        return load < limit
            ? new("load average", CheckStatus.Ok, detail)
            : new("load average", CheckStatus.Warn, detail, "stop other work first (see top or uptime)");
    }

    private static MachineCheck Swap(MachineState state) => state.SwapUsedBytes switch
    {
        null => new("swap", CheckStatus.NotAvailable, "not exposed"),
        0 => new("swap", CheckStatus.Ok, "none in use"),
        long used => new("swap", CheckStatus.Warn,
            string.Create(CultureInfo.InvariantCulture, $"{used / 1048576.0:F1} MiB in use"),
            "swapoff -a && swapon -a (needs enough free RAM)"),
    };

    private static MachineCheck Kvm(MachineInfo info, MachineState state) => (info.KvmPresent, state.KvmAccessible) switch
    {
        (false, _) => new("/dev/kvm", CheckStatus.NotAvailable, "absent"),
        (true, true) => new("/dev/kvm", CheckStatus.Ok, "read-write"),
        (true, false) => new("/dev/kvm", CheckStatus.Warn, "no read-write access", "usermod -aG kvm $USER, then log in again"),
        _ => new("/dev/kvm", CheckStatus.NotAvailable, "present, access unknown"),
    };
}
