using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Synthetic;

/// <summary>
/// The machines of a synthetic fleet: alternately a VMX host (Intel) and an SVM host (AMD),
/// bare metal, each a little faster or slower than the template's machine.
/// </summary>
internal static class SyntheticMachines
{
    private static readonly (string Slug, string Model, string Vendor, int Cores, double Speed)[] Kinds =
    [
        ("intel-xeon-gold-6338-64cpu", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "GenuineIntel", 64, 0.92),
        ("amd-epyc-7763-128cpu", "AMD EPYC 7763 64-Core Processor", "AuthenticAMD", 128, 0.85),
        ("intel-xeon-platinum-8480-112cpu", "Intel(R) Xeon(R) Platinum 8480+", "GenuineIntel", 112, 0.78),
        ("amd-epyc-9654-192cpu", "AMD EPYC 9654 96-Core Processor", "AuthenticAMD", 192, 0.74),
    ];

    /// <summary>Machine <paramref name="index"/>: its id, facts and speed factor (time multiplier).</summary>
    public static (string Id, MachineInfo Info, double Speed) Get(int index, MachineInfo template)
    {
        (string slug, string model, string vendor, int cores, double speed) = Kinds[index % Kinds.Length];
        int copy = index / Kinds.Length;
        string id = $"{slug}-5e{index:x6}";
        var info = new MachineInfo
        {
            CpuModel = model,
            LogicalCores = cores,
            CpuVendor = vendor,
            MemoryTotalBytes = 256L << 30,
            Kernel = template.Kernel,
            Os = template.Os,
            Runtime = template.Runtime,
            Virtualization = "bare-metal",
            Hypervisor = null,
            KvmPresent = true,
        };
        return (id, info, speed * (1 + 0.03 * copy));
    }

    /// <summary>True for a VMX (Intel) host.</summary>
    public static bool IsVmx(MachineInfo machine) => machine.CpuVendor == "GenuineIntel";
}
