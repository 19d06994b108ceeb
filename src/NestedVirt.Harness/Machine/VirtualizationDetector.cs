namespace NestedVirt.Harness.Machine;

/// <summary>
/// Decides whether the probed system is a VM, from three independent signals: the CPUID
/// <c>hypervisor</c> flag in /proc/cpuinfo (Intel SDM Vol. 2A CPUID leaf 1 ECX bit 31 is
/// reserved for hypervisors to set), /sys/hypervisor/type (Xen), and the DMI system vendor and
/// product name (what the VMM's firmware reports, as systemd-detect-virt reads them).
/// </summary>
internal static class VirtualizationDetector
{
    /// <summary>The <see cref="Results.MachineInfo.Virtualization"/> value for a guest.</summary>
    public const string Vm = "vm";

    /// <summary>The value for a host with no hypervisor below it.</summary>
    public const string BareMetal = "bare-metal";

    /// <summary>The value when nothing could be read.</summary>
    public const string Unknown = "unknown";

    // DMI strings of common VMMs -> short hypervisor names. The left column is matched as a
    // case-insensitive substring of "sys_vendor product_name".
    private static readonly (string Dmi, string Name)[] DmiVendors =
    [
        ("QEMU", "qemu"),
        ("KVM", "kvm"),
        ("VMware", "vmware"),
        ("VirtualBox", "virtualbox"),
        ("innotek", "virtualbox"),
        ("Microsoft Corporation Virtual Machine", "hyper-v"),
        ("Xen", "xen"),
        ("Google Compute Engine", "gce"),
        ("Parallels", "parallels"),
        ("Bochs", "bochs"),
        ("Cloud Hypervisor", "cloud-hypervisor"),
        ("Firecracker", "firecracker"),
    ];

    /// <summary>Classifies the system.</summary>
    /// <param name="files">The probed tree.</param>
    /// <param name="cpu">Parsed /proc/cpuinfo, or null when unreadable.</param>
    /// <returns>The virtualization kind and, when known, the hypervisor's short name.</returns>
    public static (string Kind, string? Hypervisor) Detect(ProbeFiles files, CpuInfo? cpu)
    {
        string? hypervisorType = files.ReadTrimmed("/sys/hypervisor/type");
        string? dmiName = FromDmi(files);
        string? name = string.IsNullOrEmpty(hypervisorType) ? dmiName : hypervisorType;
        bool vm = cpu is { HypervisorFlag: true } || name is not null;
        if (vm)
        {
            return (Vm, name);
        }

        return cpu is { HasFlags: true } ? (BareMetal, null) : (Unknown, null);
    }

    private static string? FromDmi(ProbeFiles files)
    {
        string vendor = files.ReadTrimmed("/sys/class/dmi/id/sys_vendor") ?? "";
        string product = files.ReadTrimmed("/sys/class/dmi/id/product_name") ?? "";
        string both = $"{vendor} {product}";
        foreach ((string dmi, string name) in DmiVendors)
        {
            if (both.Contains(dmi, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
