using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// The nested VM-exit path, L2 → L1 (KVM <c>__nested_vmx_vmexit</c>; model 01 §4.1 steps 1–10),
/// plus the copy of vmcs12 into the shadow VMCS or eVMCS that runs before L1 does.
/// </summary>
internal static class VmxExitPath
{
    private const ulong EferLme = 1UL << 8;
    private const ulong EferLma = 1UL << 10;
    private const ulong RflagsFixed = 0x2;
    private const ulong Dr7Fixed = 0x400;

    public static VmxTransitionStatus Run(NestedVmxState s, GuestMemory memory, uint exitReason, uint intrInfo,
        ulong qualification, in ExitInfo exit, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;

        // Step 1: a pending MTF is dropped (PDPTR refresh and TLB flush are not counted).
        s.MtfPending = false;
        // Step 2: leave guest mode.
        s.GuestMode = false;

        // Step 3: sync vmcs02 -> vmcs12, then the exit-information fields.
        SyncVmcs02ToVmcs12(s, exit, ref c);
        bool abort = !PrepareVmcs12(s, memory, exitReason, intrInfo, qualification, exit, ref c);

        // Step 4 (drop re-injection queue) has no field cost. Step 5: back on vmcs01.
        c.VmcsFieldsWritten += VmxFieldCounts.Vmcs01ExitRewrites;
        // Step 6 (unmap pages) has no field cost. Step 7: vmcs12 must reach the shadow VMCS/eVMCS.
        if (s.ShadowVmcsForL1 || s.IsEvmcsInUse)
            s.NeedVmcs12ToShadowSync = true;
        // Step 8 (runnable) and step 10 (event re-evaluation) have no field cost. Step 9:
        LoadVmcs12HostState(s, ref c);
        if (VmxMsrLists.Load(memory, v.ExitMsrLoadAddress, v.ExitMsrLoadCount, ref c) != 0)
            abort = true; // VMX_ABORT_LOAD_HOST_MSR_FAIL
        if (abort)
            return VmxTransitionStatus.VmxAbort;

        EnterL1(s, ref c);
        return VmxTransitionStatus.InL1;
    }

    /// <summary>D-01: the late-VMFail flavour of the exit path (no sync, no prepare_vmcs12, VMfailValid(7) to L1).</summary>
    public static VmxTransitionStatus RunLateFailure(NestedVmxState s, ref PathCounters c)
    {
        s.MtfPending = false;
        s.GuestMode = false;
        c.VmcsFieldsWritten += VmxFieldCounts.Vmcs01ExitRewrites;
        // nested_vmx_restore_host_state is not counted: the model 01 §4.1 tables do not cover it.
        SetVmFailValid(s, VmInstructionError.EntryInvalidControlFields, ref c);
        EnterL1(s, ref c);
        return VmxTransitionStatus.LateVmFail;
    }

    /// <summary>load_vmcs12_host_state: L1 resumes at host RIP with the host registers of vmcs12.</summary>
    public static void LoadVmcs12HostState(NestedVmxState s, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;
        ref VmxGuestState l1 = ref s.L1;
        if ((v.ExitControls & VmExitControls.LoadEfer) != 0)
            l1.Efer = v.HostEfer;
        else if ((v.ExitControls & VmExitControls.HostAddressSpaceSize) != 0)
            l1.Efer |= EferLma | EferLme;
        else
            l1.Efer &= ~(EferLma | EferLme);
        l1.Rsp = v.HostRsp;
        l1.Rip = v.HostRip;
        l1.Rflags = RflagsFixed;
        l1.Interruptibility = 0;
        l1.Cr0 = v.HostCr0;
        l1.Cr3 = v.HostCr3;
        l1.Cr4 = v.HostCr4;
        l1.Dr7 = Dr7Fixed;
        l1.DebugCtl = 0;
        c.VmcsFieldsRead += VmxFieldCounts.LoadHostState;
        c.VmcsFieldsWritten += VmxFieldCounts.LoadHostState;
    }

    /// <summary>nested_vmx_failValid: record the error in vmcs12; an eVMCS must then be re-synced.</summary>
    public static void SetVmFailValid(NestedVmxState s, VmInstructionError error, ref PathCounters c)
    {
        s.Vmcs12.InstructionError = error;
        c.VmcsFieldsWritten += VmxFieldCounts.VmFailValid;
        // VM_INSTRUCTION_ERROR is not shadowed, but the eVMCS "shadows" every field.
        if (s.IsEvmcsInUse)
            s.NeedVmcs12ToShadowSync = true;
    }

    /// <summary>
    /// Resume L1: first <c>nested_sync_vmcs12_to_shadow</c> when pending (eVMCS write-back or
    /// shadow-VMCS copy), then the L0→L1 entry.
    /// </summary>
    public static void EnterL1(NestedVmxState s, ref PathCounters c)
    {
        if (s.NeedVmcs12ToShadowSync)
        {
            // eVMCS: copy_vmcs12_to_enlightened writes into L1's eVMCS page; shadow VMCS:
            // copy_vmcs12_to_shadow moves the read/write and read-only shadowed fields.
            int fields = s.IsEvmcsInUse
                ? VmxFieldCounts.EvmcsWriteBack
                : VmxFieldCounts.ShadowReadWrite + VmxFieldCounts.ShadowReadOnly;
            c.VmcsFieldsRead += fields;
            c.VmcsFieldsWritten += fields;
            s.NeedVmcs12ToShadowSync = false;
        }
        c.L0ToL1Entries++;
    }

    /// <summary>copy_vmcs02_to_vmcs12_rare when the rare fields are stale (lazy path without eVMCS).</summary>
    public static void SyncRareIfStale(NestedVmxState s, ref PathCounters c)
    {
        if (s.NeedSyncVmcs02ToVmcs12Rare)
            SyncRare(s, ref c);
    }

    private static void SyncVmcs02ToVmcs12(NestedVmxState s, in ExitInfo exit, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;
        ref VmxGuestState l2 = ref s.L2;
        ref VmxGuestState g = ref v.Guest;

        // The rare group is synced eagerly only with an eVMCS: L1 reads it from memory without exiting.
        if (s.IsEvmcsInUse)
            SyncRare(s, ref c);
        else
            s.NeedSyncVmcs02ToVmcs12Rare = true;

        g.Cr0 = l2.Cr0;
        g.Cr4 = l2.Cr4;
        g.Rsp = l2.Rsp;
        g.Rip = l2.Rip;
        g.Rflags = l2.Rflags;
        g.Segments[GuestSegmentFields.CsAccessRights] = l2.Segments[GuestSegmentFields.CsAccessRights];
        g.Segments[GuestSegmentFields.SsAccessRights] = l2.Segments[GuestSegmentFields.SsAccessRights];
        g.Interruptibility = l2.Interruptibility;
        g.ActivityState = l2.ActivityState;
        v.GuestLinearAddress = exit.Info2;
        v.EntryControls = (l2.Efer & EferLma) != 0
            ? v.EntryControls | VmEntryControls.Ia32eModeGuest
            : v.EntryControls & ~VmEntryControls.Ia32eModeGuest;
        int fields = VmxFieldCounts.SyncCommon;

        if (s.L0UsesEpt)
        {
            g.Cr3 = l2.Cr3;
            fields += VmxFieldCounts.SyncCr3;
            if (v.Has(SecondaryProcessorControls.EnableEpt) && l2.IsPaePaging)
            {
                g.Pdpte0 = l2.Pdpte0;
                g.Pdpte1 = l2.Pdpte1;
                g.Pdpte2 = l2.Pdpte2;
                g.Pdpte3 = l2.Pdpte3;
                fields += VmxFieldCounts.SyncPdptrs;
            }
        }
        if (v.Has(PinBasedControls.ActivatePreemptionTimer) && (v.ExitControls & VmExitControls.SavePreemptionTimer) != 0)
            fields += VmxFieldCounts.SyncPreemptionTimer;
        if (v.Has(SecondaryProcessorControls.VirtualInterruptDelivery))
            fields += VmxFieldCounts.SyncInterruptStatus;
        if ((v.ExitControls & VmExitControls.SaveDebugControls) != 0)
        {
            g.Dr7 = l2.Dr7;
            fields += VmxFieldCounts.SyncDr7;
        }
        if ((v.ExitControls & VmExitControls.SaveEfer) != 0)
        {
            g.Efer = l2.Efer;
            fields += VmxFieldCounts.SyncEfer;
        }
        c.VmcsFieldsRead += fields;
        c.VmcsFieldsWritten += fields;
    }

    private static void SyncRare(NestedVmxState s, ref PathCounters c)
    {
        ref VmxGuestState l2 = ref s.L2;
        ref VmxGuestState g = ref s.Vmcs12.Guest;
        // CS and SS access rights belong to the common group; the other 34 segment fields are rare.
        ulong cs = g.Segments[GuestSegmentFields.CsAccessRights];
        ulong ss = g.Segments[GuestSegmentFields.SsAccessRights];
        g.Segments = l2.Segments;
        g.Segments[GuestSegmentFields.CsAccessRights] = cs;
        g.Segments[GuestSegmentFields.SsAccessRights] = ss;
        g.PendingDebugExceptions = l2.PendingDebugExceptions;
        c.VmcsFieldsRead += VmxFieldCounts.SyncRare;
        c.VmcsFieldsWritten += VmxFieldCounts.SyncRare;
        s.NeedSyncVmcs02ToVmcs12Rare = false;
    }

    private static bool PrepareVmcs12(NestedVmxState s, GuestMemory memory, uint exitReason, uint intrInfo,
        ulong qualification, in ExitInfo exit, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;
        v.ExitReason = exitReason;
        v.ExitQualification = qualification;
        if ((exitReason & VmxExitReasonField.EntryFailureBit) != 0)
        {
            // After a failed VM entry only the reason and qualification change (vmcs12 stays unlaunched).
            c.VmcsFieldsRead += VmxFieldCounts.PrepareVmcs12EntryFailure;
            c.VmcsFieldsWritten += VmxFieldCounts.PrepareVmcs12EntryFailure;
            return true;
        }
        v.Launched = true;
        v.EntryInterruptionInfo &= ~VmxInterruptionInfo.ValidBit;
        v.IdtVectoringInfo = 0;
        v.ExitInterruptionInfo = intrInfo;
        v.ExitInstructionLength = exit.InstructionLength;
        v.GuestPhysicalAddress = exit.GuestPhysicalAddress;
        c.VmcsFieldsRead += VmxFieldCounts.PrepareVmcs12;
        c.VmcsFieldsWritten += VmxFieldCounts.PrepareVmcs12;
        // The VM-exit MSR-store list is stored for every exit that is not a failed entry.
        return VmxMsrLists.Store(memory, v.ExitMsrStoreAddress, v.ExitMsrStoreCount, ref c);
    }
}
