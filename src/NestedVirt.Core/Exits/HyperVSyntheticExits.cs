namespace NestedVirt.Exits;

/// <summary>
/// Synthetic exits Hyper-V defines for nested direct TLB flush (TLFS "Nested Virtualization";
/// model 01 §2 and model 02 §7.2 rule G-06): after an L0-handled L2 flush hypercall succeeds while the
/// partition-assist page's TlbLockCount is non-zero, L0 delivers one of these to L1.
/// </summary>
public static class HyperVSyntheticExits
{
    /// <summary>
    /// Intel: <c>HV_VMX_SYNTHETIC_EXIT_REASON_TRAP_AFTER_FLUSH</c>, a full 32-bit exit reason.
    /// Its bits 15:0 are <c>0x0031</c> (the number of EPT_MISCONFIG), so a dispatcher that masks to
    /// the basic reason must test the whole value first.
    /// </summary>
    public const uint VmxTrapAfterFlush = 0x10000031;

    /// <summary>AMD: <c>HV_SVM_EXITCODE_ENL</c>, written to EXITCODE.</summary>
    public const ulong SvmEnlightenedExit = 0xF0000000;

    /// <summary>AMD: EXITINFO1 value <c>HV_SVM_ENL_EXITCODE_TRAP_AFTER_FLUSH</c> accompanying <see cref="SvmEnlightenedExit"/> (EXITINFO2 = 0).</summary>
    public const ulong SvmTrapAfterFlushInfo1 = 1;
}
