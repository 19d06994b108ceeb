namespace NestedVirt.Nested;

/// <summary>
/// Enlightened-VMCS clean-field groups: <c>hv_clean_fields</c>, the u32 at eVMCS offset 0x338 (TLFS
/// <c>HV_VMX_ENLIGHTENED_VMCS</c>; model 01 §4.3). A set bit means "L1 did not change this group
/// since the last VM entry; L0 may use its cached copy".
/// </summary>
[Flags]
public enum EvmcsCleanFields : uint
{
    /// <summary><c>HV_VMX_ENLIGHTENED_CLEAN_FIELD_NONE</c>: nothing clean.</summary>
    None = 0,

    /// <summary>I/O bitmap A and B addresses.</summary>
    IoBitmap = 1 << 0,

    /// <summary>MSR bitmap address.</summary>
    MsrBitmap = 1 << 1,

    /// <summary>TSC offset, virtual-APIC page, XSS-exiting bitmap, ENCLS-exiting bitmap, TSC multiplier.</summary>
    ControlGrp2 = 1 << 2,

    /// <summary>Pin-based, VM-exit and secondary processor-based controls.</summary>
    ControlGrp1 = 1 << 3,

    /// <summary>Primary processor-based controls.</summary>
    ControlProc = 1 << 4,

    /// <summary>VM-entry interruption info, exception error code, instruction length.</summary>
    ControlEvent = 1 << 5,

    /// <summary>VM-entry controls.</summary>
    ControlEntry = 1 << 6,

    /// <summary>Exception bitmap.</summary>
    ControlExcpn = 1 << 7,

    /// <summary>CR0/CR4 guest/host masks and read shadows, guest CR0/CR3/CR4, guest DR7.</summary>
    Crdr = 1 << 8,

    /// <summary>EPT pointer and VPID.</summary>
    ControlXlat = 1 << 9,

    /// <summary>Guest RSP, RFLAGS, interruptibility.</summary>
    GuestBasic = 1 << 10,

    /// <summary>Guest SYSENTER MSRs, PAT, EFER, DEBUGCTL, PDPTRs, pending debug exceptions, BNDCFGS, activity state, link pointer.</summary>
    GuestGrp1 = 1 << 11,

    /// <summary>Guest segment selectors, limits, access rights and bases (36 fields).</summary>
    GuestGrp2 = 1 << 12,

    /// <summary>Host FS/GS/TR/GDTR/IDTR bases and host RSP.</summary>
    HostPointer = 1 << 13,

    /// <summary>Host control registers, selectors, SYSENTER MSRs, PAT, EFER, RIP.</summary>
    HostGrp1 = 1 << 14,

    /// <summary>Hyper-V enlightenments control, VP id, VM id, partition assist page.</summary>
    EnlightenmentsControl = 1 << 15,

    /// <summary><c>HV_VMX_ENLIGHTENED_CLEAN_FIELD_ALL</c> (0xFFFF).</summary>
    All = 0xFFFF,
}
