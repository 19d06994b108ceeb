using System.Runtime.InteropServices;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>
/// Reads what the machine is (<see cref="MachineInfo"/>), how it is tuned
/// (<see cref="MachineState"/>) and its stable id, from /proc, /sys and /etc below a root
/// prefix. Every file may be absent (containers, VMs, other kernels): its field is then null,
/// empty or "unknown", never an exception.
/// </summary>
public sealed class MachineProbe
{
    private readonly ProbeFiles files;

    /// <summary>Creates a probe of the system below <paramref name="root"/>.</summary>
    /// <param name="root"><c>/</c> for this machine; a folder holding a fake <c>proc/</c>, <c>sys/</c>, <c>etc/</c>, <c>dev/</c> tree in tests.</param>
    public MachineProbe(string root = "/")
    {
        Root = root;
        files = new ProbeFiles(root);
    }

    /// <summary>The root prefix every path is read below.</summary>
    public string Root { get; }

    /// <summary>Reads facts, state and id together.</summary>
    /// <returns>The snapshot.</returns>
    public MachineSnapshot Probe()
    {
        MachineInfo info = ReadInfo();
        return new MachineSnapshot(ComputeId(info), info, ReadState());
    }

    /// <summary>The fixed facts: CPU, cores, memory, kernel, OS, runtime, VM or bare metal, /dev/kvm.</summary>
    /// <returns>The facts.</returns>
    public MachineInfo ReadInfo()
    {
        string? cpuText = files.ReadText("/proc/cpuinfo");
        CpuInfo? cpu = cpuText is null ? null : CpuInfo.Parse(cpuText);
        string? meminfo = files.ReadText("/proc/meminfo");
        (string kind, string? hypervisor) = VirtualizationDetector.Detect(files, cpu);
        return new MachineInfo
        {
            CpuModel = cpu?.Model ?? "",
            CpuVendor = cpu?.Vendor,
            LogicalCores = cpu is { LogicalCpus: > 0 } ? cpu.LogicalCpus : Environment.ProcessorCount,
            MemoryTotalBytes = meminfo is null ? null : MemInfo.Bytes(meminfo, "MemTotal"),
            Kernel = files.ReadTrimmed("/proc/sys/kernel/osrelease") ?? "",
            Os = OsPrettyName() ?? RuntimeInformation.OSDescription,
            Runtime = RuntimeInformation.FrameworkDescription,
            Virtualization = kind,
            Hypervisor = hypervisor,
            KvmPresent = files.Exists("/dev/kvm"),
        };
    }

    /// <summary>The tuning state now: governor, turbo, SMT, isolation, ASLR, load, swap, KVM access and parameters.</summary>
    /// <returns>The state.</returns>
    public MachineState ReadState() => MachineStateReader.Read(files);

    /// <summary>The stable machine id for facts read by this probe.</summary>
    /// <param name="info">Facts from <see cref="ReadInfo"/>.</param>
    /// <returns>The id (see <see cref="MachineId.Compute"/>).</returns>
    public string ComputeId(MachineInfo info) =>
        MachineId.Compute(info.CpuModel, info.LogicalCores, info.MemoryTotalBytes, files.ReadTrimmed("/etc/machine-id"), info.Virtualization);

    // os-release(5): /etc/os-release, falling back to /usr/lib/os-release.
    private string? OsPrettyName()
    {
        string? text = files.ReadText("/etc/os-release") ?? files.ReadText("/usr/lib/os-release");
        if (text is null)
        {
            return null;
        }

        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                string value = line["PRETTY_NAME=".Length..].Trim().Trim('"', '\'');
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
