namespace NestedVirt.L0;

/// <summary>
/// <c>XEN_DOMCTL_CDF_*</c> (Xen <c>xen/include/public/domctl.h</c>), the flags of a domain
/// creation request. The model honours <see cref="Hvm"/>, <see cref="Hap"/> and
/// <see cref="NestedVirt"/>; the others are accepted and ignored, and any bit above
/// <see cref="Vpmu"/> is refused with -EINVAL as <c>sanitise_domain_config</c> refuses unknown flags.
/// </summary>
[Flags]
public enum DomainCreateFlags : uint
{
    /// <summary>No flag: a PV domain, which the model does not offer.</summary>
    None = 0,

    /// <summary><c>XEN_DOMCTL_CDF_hvm</c> (bit 0): a hardware-virtualised guest.</summary>
    Hvm = 1u << 0,

    /// <summary><c>XEN_DOMCTL_CDF_hap</c> (bit 1): use EPT/NPT for the guest's memory.</summary>
    Hap = 1u << 1,

    /// <summary><c>XEN_DOMCTL_CDF_s3_integrity</c> (bit 2).</summary>
    S3Integrity = 1u << 2,

    /// <summary><c>XEN_DOMCTL_CDF_oos_off</c> (bit 3).</summary>
    OosOff = 1u << 3,

    /// <summary><c>XEN_DOMCTL_CDF_xs_domain</c> (bit 4).</summary>
    XsDomain = 1u << 4,

    /// <summary><c>XEN_DOMCTL_CDF_iommu</c> (bit 5).</summary>
    Iommu = 1u << 5,

    /// <summary>
    /// <c>XEN_DOMCTL_CDF_nested_virt</c> (bit 6, 0x40): the guest may run its own guests. Refused
    /// with -EINVAL when nested virtualization is not supported (B-11), without HAP, or with altp2m.
    /// </summary>
    NestedVirt = 1u << 6,

    /// <summary><c>XEN_DOMCTL_CDF_vpmu</c> (bit 7), <c>XEN_DOMCTL_CDF_MAX</c> of the tree the proposal patches.</summary>
    Vpmu = 1u << 7,
}
