using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Machine;

/// <summary>A fake /proc, /sys, /etc and /dev tree under a scratch folder, for <see cref="MachineProbe"/>.</summary>
internal sealed class FakeMachineTree : IDisposable
{
    private readonly ScratchFolder folder = new();

    public string Root => folder.Path;

    public MachineProbe Probe() => new(Root);

    /// <summary>Writes a file at an absolute path of the fake system.</summary>
    public FakeMachineTree With(string absolutePath, string content)
    {
        folder.Write(absolutePath.TrimStart('/'), content);
        return this;
    }

    public FakeMachineTree Without(string absolutePath)
    {
        File.Delete(Path.Combine(Root, absolutePath.TrimStart('/')));
        return this;
    }

    public static string CpuInfo(string model, int cpus, bool hypervisor, string vendor = "GenuineIntel")
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < cpus; i++)
        {
            text.Append($"processor\t: {i}\nvendor_id\t: {vendor}\nmodel name\t: {model}\n");
            text.Append($"flags\t\t: fpu vme de pse tsc msr{(hypervisor ? " hypervisor" : "")} lahf_lm\n\n");
        }

        return text.ToString();
    }

    /// <summary>A bare-metal Intel host tuned as check-machine wants.</summary>
    public static FakeMachineTree Tuned() => new FakeMachineTree()
        .With("/proc/cpuinfo", CpuInfo("Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz", 4, hypervisor: false))
        .With("/proc/meminfo", "MemTotal:       32768000 kB\nMemFree:        30000000 kB\nSwapTotal:       8388604 kB\nSwapFree:        8388604 kB\n")
        .With("/proc/loadavg", "0.05 0.10 0.12 1/234 5678\n")
        .With("/proc/sys/kernel/osrelease", "6.8.0-nvtest\n")
        .With("/proc/sys/kernel/randomize_va_space", "0\n")
        .With("/etc/machine-id", "0123456789abcdef0123456789abcdef\n")
        .With("/etc/os-release", "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
        .With("/sys/devices/system/cpu/cpufreq/policy0/scaling_governor", "performance\n")
        .With("/sys/devices/system/cpu/cpufreq/policy1/scaling_governor", "performance\n")
        .With("/sys/devices/system/cpu/cpufreq/policy0/scaling_driver", "intel_pstate\n")
        .With("/sys/devices/system/cpu/intel_pstate/no_turbo", "1\n")
        .With("/sys/devices/system/cpu/smt/active", "0\n")
        .With("/sys/devices/system/cpu/isolated", "2-3\n")
        .With("/sys/devices/system/cpu/nohz_full", "2-3\n")
        .With("/sys/class/dmi/id/sys_vendor", "Dell Inc.\n")
        .With("/sys/class/dmi/id/product_name", "PowerEdge R740\n")
        .With("/sys/module/kvm/parameters/tdp_mmu", "Y\n")
        .With("/sys/module/kvm/parameters/ignore_msrs", "N\n")
        .With("/sys/module/kvm_intel/parameters/nested", "Y\n")
        .With("/sys/module/kvm_intel/parameters/ept", "Y\n")
        .With("/sys/module/kvm_intel/parameters/enlightened_vmcs", "N\n")
        .With("/dev/kvm", "");

    /// <summary>The same host left untuned, running as a QEMU guest with nested off.</summary>
    public static FakeMachineTree Untuned() => Tuned()
        .With("/proc/cpuinfo", CpuInfo("Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz", 4, hypervisor: true))
        .With("/proc/meminfo", "MemTotal:       32768000 kB\nSwapTotal:       8388604 kB\nSwapFree:        8286204 kB\n")
        .With("/proc/loadavg", "1.50 1.20 0.90 3/234 5678\n")
        .With("/proc/sys/kernel/randomize_va_space", "2\n")
        .With("/sys/devices/system/cpu/cpufreq/policy1/scaling_governor", "powersave\n")
        .With("/sys/devices/system/cpu/intel_pstate/no_turbo", "0\n")
        .With("/sys/devices/system/cpu/smt/active", "1\n")
        .With("/sys/devices/system/cpu/isolated", "\n")
        .With("/sys/devices/system/cpu/nohz_full", "(null)\n")
        .With("/sys/class/dmi/id/sys_vendor", "QEMU\n")
        .With("/sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n")
        .With("/sys/module/kvm_intel/parameters/nested", "N\n");

    public void Dispose() => folder.Dispose();
}
