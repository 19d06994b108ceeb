namespace NestedVirt.Reflection;

/// <summary>
/// VMCS field counts of the nested VMX exit and entry paths, for cost modelling. Counting rule: a
/// field moved from one VMCS image to another (vmcs02, vmcs12, vmcs01, the eVMCS or the shadow
/// VMCS) adds one to <c>VmcsFieldsRead</c> and one to <c>VmcsFieldsWritten</c>; a field only
/// written (a constant, a cleared bit) adds one write. Counts from model 01 are "approximate, for
/// cost modelling only" there; where model 01 is silent the count comes from the function named,
/// read in <c>arch/x86/kvm/vmx/nested.c</c> of the RFC mirror (<c>bitranox/linux-nested-vmbus-relay</c>).
/// </summary>
public static class VmxFieldCounts
{
    /// <summary>model 01 §4.1 table, "sync rare group": 35 (8 selectors, 10 limits, 6 access rights, 10 bases, pending debug exceptions).</summary>
    public const int SyncRare = 35;

    /// <summary>model 01 §4.1 table, "sync common group": ~12 unconditional (CR0/CR4 merged from three sources, RSP, RIP, RFLAGS, CS/SS access rights, interruptibility, activity state, linear address, IA-32e entry bit).</summary>
    public const int SyncCommon = 12;

    /// <summary>model 01 §4.1 table, conditional: guest CR3 when L0 uses EPT.</summary>
    public const int SyncCr3 = 1;

    /// <summary>model 01 §4.1 table, conditional: 4 PDPTRs when vmcs12 enables EPT and L2 uses PAE paging.</summary>
    public const int SyncPdptrs = 4;

    /// <summary>model 01 §4.1 table, conditional: preemption-timer value (timer active and "save" exit control set).</summary>
    public const int SyncPreemptionTimer = 1;

    /// <summary>model 01 §4.1 table, conditional: guest interrupt status (virtual-interrupt delivery).</summary>
    public const int SyncInterruptStatus = 1;

    /// <summary>model 01 §4.1 table, conditional: DR7 ("save debug controls").</summary>
    public const int SyncDr7 = 1;

    /// <summary>model 01 §4.1 table, conditional: EFER ("save IA32_EFER").</summary>
    public const int SyncEfer = 1;

    /// <summary>model 01 §4.1 table, conditional: 3 CET fields (when CET is exposed to L1; <c>vmcs_read_cet_state</c>).</summary>
    public const int SyncCet = 3;

    /// <summary>model 01 §4.1 table, "prepare_vmcs12": ~8 (exit reason, qualification, launch state, entry-info valid bit, IDT vectoring, exit interruption info, instruction length, VMX instruction info).</summary>
    public const int PrepareVmcs12 = 8;

    /// <summary>prepare_vmcs12 after a failed VM entry: only exit reason and qualification (the code read for this model).</summary>
    public const int PrepareVmcs12EntryFailure = 2;

    /// <summary>D-04: the VM-exit interruption error code, copied only for an exception with an error code.</summary>
    public const int ReflectErrorCode = 1;

    /// <summary>model 01 §4.1 step 5: MSR autoload/autostore counts (3) and TSC offset and multiplier (2) rewritten in vmcs01.</summary>
    public const int Vmcs01ExitRewrites = 5;

    /// <summary>model 01 §4.1 table, "load_vmcs12_host_state": ~30 state updates.</summary>
    public const int LoadHostState = 30;

    /// <summary>copy_vmcs12_to_enlightened: guest state and exit information written into the eVMCS before L1 runs (72 assignments).</summary>
    public const int EvmcsWriteBack = 72;

    /// <summary>vmcs_shadow_fields.h (torvalds/linux): read/write shadowed fields on x86-64 (copy_shadow_to_vmcs12 moves these).</summary>
    public const int ShadowReadWrite = 23;

    /// <summary>vmcs_shadow_fields.h: read-only shadowed fields on x86-64 (copy_vmcs12_to_shadow moves these plus the read/write ones).</summary>
    public const int ShadowReadOnly = 11;

    /// <summary>nested_vmx_failValid: the VM-instruction error field.</summary>
    public const int VmFailValid = 1;

    /// <summary>prepare_vmcs02_early: 5 merged control words plus the 4 event fields copied while a run is pending.</summary>
    public const int PrepareVmcs02Early = 9;

    /// <summary>prepare_vmcs02_early_rare (dirty vmcs12 or eVMCS): VMCS link pointer and VPID.</summary>
    public const int PrepareVmcs02EarlyRare = 2;

    /// <summary>model 01 §4.3: GUEST_GRP2 clean skips 36 VMWRITEs in prepare_vmcs02_rare.</summary>
    public const int RareGuestGrp2 = 36;

    /// <summary>model 01 §4.3: GUEST_GRP1 clean skips SYSENTER CS/ESP/EIP and pending debug exceptions (4)...</summary>
    public const int RareGuestGrp1 = 4;

    /// <summary>model 01 §4.3: ... and the 4 PDPTRs when L0 uses EPT (BNDCFGS is not modelled: it needs MPX).</summary>
    public const int RareGuestGrp1Pdptrs = 4;

    /// <summary>prepare_vmcs02_rare, unconditional rest: PFEC mask/match (2), EOI-exit bitmaps with APICv (4), MSR-list counts (3), CR4 guest/host mask (1).</summary>
    public const int RareOther = 10;

    /// <summary>model 01 §4.2 step 6 list: DR7, DEBUGCTL, RFLAGS, exception bitmap, CR0 mask, PAT, TSC offset, multiplier, CR0 + shadow, CR4 + shadow, EFER, CR3, RSP, RIP (16).</summary>
    public const int PrepareVmcs02Common = 16;

    /// <summary>prepare_vmcs02: the 4 PDPTRs loaded late when the rare path ran, vmcs12 enables EPT and L2 uses PAE paging.</summary>
    public const int PrepareVmcs02Pdptrs = 4;

    /// <summary>One emulated VMREAD reads one vmcs12 field; one emulated VMWRITE writes one.</summary>
    public const int EmulatedVmcsAccess = 1;

    /// <summary>Bytes of one MSR-list entry (index u32, reserved u32, data u64).</summary>
    public const int MsrEntryBytes = 16;

    /// <summary>Bytes KVM reads of a VM-exit MSR-store entry (index and reserved) before writing its 8-byte value.</summary>
    public const int MsrStoreHeaderBytes = 8;
}
