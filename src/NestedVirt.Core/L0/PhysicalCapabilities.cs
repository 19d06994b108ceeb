namespace NestedVirt.L0;

/// <summary>
/// <c>XEN_SYSCTL_PHYSCAP_*</c> (Xen <c>xen/include/public/sysctl.h</c>): what the hypervisor
/// offers its toolstack, from <c>XEN_SYSCTL_physinfo</c>. Bits 0 to 9 are the existing list;
/// <see cref="NestedHvm"/> is the bit the build-time proposal adds (B-12).
/// </summary>
[Flags]
public enum PhysicalCapabilities : uint
{
    /// <summary>No capability.</summary>
    None = 0,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_hvm</c>: HVM guests can be created (a vendor's code is built and the CPU has it).</summary>
    Hvm = 1u << 0,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_pv</c>: PV guests (not modelled; never set).</summary>
    Pv = 1u << 1,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_directio</c>: device pass-through (not modelled; never set).</summary>
    DirectIo = 1u << 2,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_hap</c>: hardware-assisted paging, EPT or NPT.</summary>
    Hap = 1u << 3,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_shadow</c>: shadow paging (not modelled; never set).</summary>
    Shadow = 1u << 4,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share</c> (not modelled; never set).</summary>
    IommuHapPtShare = 1u << 5,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_vmtrace</c> (not modelled; never set).</summary>
    Vmtrace = 1u << 6,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_vpmu</c> (not modelled; never set).</summary>
    Vpmu = 1u << 7,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_gnttab_v1</c> (not modelled; never set).</summary>
    GnttabV1 = 1u << 8,

    /// <summary><c>XEN_SYSCTL_PHYSCAP_gnttab_v2</c>, the previous maximum (not modelled; never set).</summary>
    GnttabV2 = 1u << 9,

    /// <summary>
    /// <c>XEN_SYSCTL_PHYSCAP_nestedhvm</c> (B-12): set exactly when
    /// <c>hvm_nested_virt_supported()</c> holds, so a toolstack can refuse a nested domain before
    /// asking for one. The new <c>XEN_SYSCTL_PHYSCAP_MAX</c>.
    /// </summary>
    NestedHvm = 1u << 10,
}
