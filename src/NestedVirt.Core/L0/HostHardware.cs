using NestedVirt.X86;

namespace NestedVirt.L0;

/// <summary>
/// The physical CPU the modelled L0 runs on: its vendor, whether it has EPT/NPT, and the SVM
/// features Xen's <c>start_nested_svm</c> requires before it enables nested virtualization (B-03).
/// </summary>
public sealed record HostHardware
{
    /// <summary>Intel (VMX) or AMD (SVM).</summary>
    public CpuVendor Vendor { get; init; } = CpuVendor.Intel;

    /// <summary>EPT (Intel) or NPT (AMD): hardware-assisted paging.</summary>
    public bool Hap { get; init; } = true;

    /// <summary>SVM: LBR virtualisation (CPUID 0x8000000A.EDX bit 1).</summary>
    public bool SvmLbrVirtualization { get; init; } = true;

    /// <summary>SVM: next-RIP save (NRIPS, CPUID 0x8000000A.EDX bit 3).</summary>
    public bool SvmNextRipSave { get; init; } = true;

    /// <summary>SVM: flush by ASID (CPUID 0x8000000A.EDX bit 6).</summary>
    public bool SvmFlushByAsid { get; init; } = true;

    /// <summary>SVM: decode assists (CPUID 0x8000000A.EDX bit 7).</summary>
    public bool SvmDecodeAssists { get; init; } = true;

    /// <summary>
    /// B-03: the vendor routine agrees to nested virtualization. VMX needs HAP only (Xen's TODO
    /// notes that real hardware checks are missing); SVM needs HAP, LBR virtualisation, NRIP
    /// save, flush-by-ASID and decode assists (<c>start_nested_vmx</c> / <c>start_nested_svm</c>).
    /// </summary>
    public bool NestedPreconditionsMet => Hap
        && (Vendor == CpuVendor.Intel
            || (SvmLbrVirtualization && SvmNextRipSave && SvmFlushByAsid && SvmDecodeAssists));

    /// <summary>An Intel host with EPT.</summary>
    public static HostHardware Intel { get; } = new() { Vendor = CpuVendor.Intel };

    /// <summary>An AMD host with NPT and every SVM feature B-03 asks for.</summary>
    public static HostHardware Amd { get; } = new() { Vendor = CpuVendor.Amd };

    /// <summary>The host for <paramref name="vendor"/> with every feature.</summary>
    public static HostHardware For(CpuVendor vendor) => vendor == CpuVendor.Intel ? Intel : Amd;
}
