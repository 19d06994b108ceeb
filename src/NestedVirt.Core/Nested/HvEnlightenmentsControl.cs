namespace NestedVirt.Nested;

/// <summary>
/// The Hyper-V EnlightenmentsControl word: eVMCS offset 0x344 (TLFS <c>HV_VMX_ENLIGHTENED_VMCS</c>)
/// and VMCB offset 0x3E0 (TLFS <c>HV_SVM_ENLIGHTENED_VMCB_FIELDS</c>); model 02 §7.1.
/// </summary>
[Flags]
public enum HvEnlightenmentsControl : uint
{
    /// <summary>No enlightenment.</summary>
    None = 0,

    /// <summary>Bit 0 NestedFlushVirtualHypercall (Linux <c>nested_flush_hypercall</c>): L2 may issue flush hypercalls directly to L0.</summary>
    NestedFlushVirtualHypercall = 1 << 0,

    /// <summary>Bit 1 MsrBitmap: L1 promises to clear the MSR_BITMAP clean bit when it changes its MSR bitmap.</summary>
    MsrBitmap = 1 << 1,

    /// <summary>Bit 2 EnlightenedNptTlb (VMCB only).</summary>
    EnlightenedNptTlb = 1 << 2,
}
