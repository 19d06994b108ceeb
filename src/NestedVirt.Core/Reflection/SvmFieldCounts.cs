namespace NestedVirt.Reflection;

/// <summary>
/// VMCB field counts of the nested SVM exit and VMRUN paths, for cost modelling, with the counting
/// rule of <see cref="VmxFieldCounts"/> (one read and one write per field moved; 64-bit VMCB fields
/// that Linux splits into two u32, such as EXITCODE and EVENTINJ, count once). Sources: model 01 §6
/// and <c>arch/x86/kvm/svm/nested.c</c> (gregkh/linux stable) where model 01 §6 does not count.
/// </summary>
public static class SvmFieldCounts
{
    /// <summary>model 01 §6 step 1: vmcb12 save-area fields written on exit (ES, CS, SS, DS, GDTR, IDTR, EFER, CR0, CR3, CR2, CR4, RFLAGS, RIP, RSP, RAX, DR7, DR6, CPL).</summary>
    public const int ExitSave = 18;

    /// <summary>model 01 §6 step 1: vmcb12 control fields written on exit (int_state, EXITCODE, EXITINFO1, EXITINFO2, EXITINTINFO, EVENTINJ cleared, int_ctl).</summary>
    public const int ExitControl = 7;

    /// <summary>model 01 §6 step 1: nRIP, written back only when NRIPS is exposed to L1 (total ~25 with the above).</summary>
    public const int ExitNextRip = 1;

    /// <summary>model 01 §6 steps 2–3: PAUSE filter count back to vmcb01, vmcb01 EXITINTINFO zeroed, TSC offset restored, nCR3 cleared.</summary>
    public const int ExitBookkeeping = 4;

    /// <summary>model 01 §6 step 4: L1 state restored from vmcb01 (RFLAGS, EFER, CR0, CR4, RAX, RSP, RIP, CR3).</summary>
    public const int ExitRestoreL1 = 8;

    /// <summary>model 01 §6 step 4: DR7 = 0x400 (a constant write).</summary>
    public const int ExitRestoreConstants = 1;

    /// <summary>nested_copy_vmcb_save_to_cache: CS, EFER, CR0, CR3, CR4, DR6, DR7 read from vmcb12 at VMRUN.</summary>
    public const int VmrunSaveCache = 7;

    /// <summary>Bytes of <see cref="VmrunSaveCache"/>: one 16-byte segment and six u64.</summary>
    public const int VmrunSaveCacheBytes = 16 + 6 * 8;

    /// <summary>model 01 §6 "Entry": L1's EFER, CR0, CR4, RFLAGS, RIP saved into vmcb01 (plus CR3 without NPT).</summary>
    public const int VmrunSaveL1 = 5;

    /// <summary>nested_vmcb02_prepare_control: vmcb02 control fields written at every VMRUN.</summary>
    public const int VmrunPrepareControl = 13;

    /// <summary>recalc_intercepts: the six intercept words of vmcb02 merged from vmcb01 and vmcb12.</summary>
    public const int VmrunInterceptWords = 6;

    /// <summary>nested_vmcb02_prepare_save, SEG group (ES, CS, SS, DS, CPL): skipped when clean and the vmcb12 GPA is unchanged.</summary>
    public const int VmrunSegGroup = 5;

    /// <summary>nested_vmcb02_prepare_save, DT group (GDTR, IDTR): skipped when clean and the GPA is unchanged.</summary>
    public const int VmrunDtGroup = 2;

    /// <summary>nested_vmcb02_prepare_save, DR group (DR7, DR6): skipped when clean and the GPA is unchanged.</summary>
    public const int VmrunDrGroup = 2;

    /// <summary>nested_vmcb02_prepare_save, always: RFLAGS, EFER, CR0, CR4, CR2, RAX, RSP, RIP and the CR3 load.</summary>
    public const int VmrunSaveAlways = 9;

    /// <summary>nested_vmcb02_prepare_save: RAX, RSP, RIP also stored into vmcb02 (writes only).</summary>
    public const int VmrunSaveMirror = 3;

    /// <summary>nested_svm_vmrun on a failed consistency check: EXITCODE (−1), EXITINFO1, EXITINFO2, EVENTINJ written into vmcb12.</summary>
    public const int VmrunFailureWrites = 4;

    /// <summary>
    /// nested_svm_merge_msrpm: 8-byte chunks of L1's MSRPM read per merge. Derived from the merge
    /// MSR list of <c>nested_svm_init_msrpm_merge_offsets</c> (x86-64): chunks at byte offsets
    /// 0x10, 0x38, 0x40, 0x58, 0x70, 0x820, 0x840.
    /// </summary>
    public const int MsrpmMergeChunks = 7;

    /// <summary>Bytes per MSRPM merge chunk (<c>unsigned long</c>).</summary>
    public const int MsrpmMergeChunkBytes = 8;
}
