namespace NestedVirt.Nested;

/// <summary>
/// The VMCB state-save fields the nested SVM model moves (model 01 §6 step 1): the live L2 state in
/// vmcb02, or the L1 state KVM parks in vmcb01 across VMRUN (step 4).
/// </summary>
public struct SvmSaveState
{
    /// <summary>ES.</summary>
    public VmcbSegment Es;

    /// <summary>CS.</summary>
    public VmcbSegment Cs;

    /// <summary>SS.</summary>
    public VmcbSegment Ss;

    /// <summary>DS.</summary>
    public VmcbSegment Ds;

    /// <summary>GDTR.</summary>
    public VmcbSegment Gdtr;

    /// <summary>IDTR.</summary>
    public VmcbSegment Idtr;

    /// <summary>EFER (bit 12 SVME must be set for VMRUN).</summary>
    public ulong Efer;

    /// <summary>CR0.</summary>
    public ulong Cr0;

    /// <summary>CR2.</summary>
    public ulong Cr2;

    /// <summary>CR3.</summary>
    public ulong Cr3;

    /// <summary>CR4.</summary>
    public ulong Cr4;

    /// <summary>RFLAGS.</summary>
    public ulong Rflags;

    /// <summary>RIP.</summary>
    public ulong Rip;

    /// <summary>RSP.</summary>
    public ulong Rsp;

    /// <summary>RAX (VMRUN takes the vmcb12 GPA from L1's RAX).</summary>
    public ulong Rax;

    /// <summary>DR6.</summary>
    public ulong Dr6;

    /// <summary>DR7.</summary>
    public ulong Dr7;

    /// <summary>Current privilege level.</summary>
    public byte Cpl;
}
