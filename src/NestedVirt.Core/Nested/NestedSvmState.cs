namespace NestedVirt.Nested;

/// <summary>
/// L0's nested-SVM state for one vCPU (KVM <c>svm-&gt;nested</c> plus the vmcb01/vmcb02 state the
/// model needs). Allocated once at setup; routing and reflection mutate it in place. vmcb12 and the
/// permission maps live in L1 memory and are reached through the <c>GuestMemory</c> passed to each call.
/// </summary>
public sealed class NestedSvmState
{
    /// <summary>KVM's <c>INVALID_GPA</c>.</summary>
    public const ulong InvalidGpa = ulong.MaxValue;

    /// <summary>Cached vmcb12 control area (<c>svm-&gt;nested.ctl</c>).</summary>
    public Vmcb12Controls Control;

    /// <summary>L2's live state in vmcb02.</summary>
    public SvmSaveState L2;

    /// <summary>L1's state, parked in vmcb01 while L2 runs.</summary>
    public SvmSaveState L1;

    /// <summary>L2 is the current guest.</summary>
    public bool GuestMode;

    /// <summary>Global interrupt flag (architecturally 0 after #VMEXIT, set on entry to L2).</summary>
    public bool Gif;

    /// <summary>GPA of the vmcb12 L2 runs on; KVM zeroes it on nested #VMEXIT.</summary>
    public ulong Vmcb12Gpa;

    /// <summary>vmcb12 GPA of the previous VMRUN (<c>last_vmcb12_gpa</c>): clean bits count only when equal.</summary>
    public ulong LastVmcb12Gpa = InvalidGpa;

    /// <summary>GPA of L1's VP assist page, or <see cref="InvalidGpa"/>.</summary>
    public ulong VpAssistPageGpa = InvalidGpa;

    /// <summary>The vCPU has Hyper-V state (G-02 requires it).</summary>
    public bool HasHyperVState;

    /// <summary>Hyper-V hypercalls are enabled for the vCPU (<c>kvm_hv_hypercall_enabled</c>): vmcb12 clean bits and enlightenments are cached.</summary>
    public bool HyperVHypercallsEnabled;

    /// <summary>NRIPS is exposed to L1: nRIP is copied back into vmcb12 on exit.</summary>
    public bool NripsExposedToL1 = true;

    /// <summary>L0 itself runs with nested paging (<c>npt_enabled</c>): L1's CR3 need not be saved at VMRUN.</summary>
    public bool L0UsesNpt = true;

    /// <summary>Force the L1/L0 MSR permission map merge on the next VMRUN (<c>force_msr_bitmap_recalc</c>).</summary>
    public bool ForceMsrBitmapRecalc = true;
}
