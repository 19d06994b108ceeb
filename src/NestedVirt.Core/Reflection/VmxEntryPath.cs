using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// The way back into L2 after L1's VMLAUNCH/VMRESUME exit (KVM <c>nested_vmx_run</c>,
/// <c>nested_vmx_enter_non_root_mode</c>, <c>prepare_vmcs02</c>; spec 01 §4.2 steps 1–6),
/// honouring the eVMCS clean fields.
/// </summary>
internal static class VmxEntryPath
{
    // KVM accepts either the eVMCS version or the VMCS12 revision id (Hyper-V writes the latter).
    private const uint Vmcs12Revision = 0x11e57ed0;
    private const ulong Cr0Pe = 1UL << 0;
    private const ulong Cr0Pg = 1UL << 31;
    private const ulong RflagsReserved1 = 1UL << 1;
    private const ulong EferLma = 1UL << 10;
    private const uint MaxActivityState = 3;

    public static VmxTransitionStatus Run(NestedVmxState s, GuestMemory memory, bool launch, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;

        // Step 1: permission, then the enlightened VMPTRLD.
        if (!s.VmxOn)
            return InjectUd(s, ref c);
        EvmptrldResult evmptrld = EnlightenedVmptrld(s, memory, launch, ref c);
        if (evmptrld == EvmptrldResult.Error)
            return InjectUd(s, ref c);

        // Step 2: a current VMCS is required.
        if (evmptrld == EvmptrldResult.VmFail || (!s.IsEvmcsInUse && s.CurrentVmptr == NestedVmxState.InvalidGpa))
        {
            VmxExitPath.EnterL1(s, ref c);
            return VmxTransitionStatus.VmFailInvalid;
        }

        // Step 3: bring vmcs12 up to date from the eVMCS (dirty groups only) or the shadow VMCS.
        EvmcsCleanFields clean = EvmcsCleanFields.None;
        if (s.IsEvmcsInUse)
        {
            var evmcs = new EnlightenedVmcs(memory, s.EvmcsGpa);
            evmcs.TryReadCleanFields(out clean);
            c.GuestBytesRead += sizeof(uint);
            int copied = EvmcsGroupCosts.CopyCost(clean);
            c.VmcsFieldsRead += copied;
            c.VmcsFieldsWritten += copied;
            // The eVMCS has no launch state; KVM synthesises the one the instruction expects.
            v.Launched = !launch;
        }
        else if (s.ShadowVmcsForL1)
        {
            c.VmcsFieldsRead += VmxFieldCounts.ShadowReadWrite;
            c.VmcsFieldsWritten += VmxFieldCounts.ShadowReadWrite;
        }

        // Step 4: checks, in KVM's order.
        VmInstructionError error = CheckBeforeEntry(s, launch);
        if (error != VmInstructionError.None)
        {
            VmxExitPath.SetVmFailValid(s, error, ref c);
            VmxExitPath.EnterL1(s, ref c);
            return VmxTransitionStatus.VmFailValid;
        }

        // Step 5: nested_vmx_enter_non_root_mode.
        int early = VmxFieldCounts.PrepareVmcs02Early
            + (s.DirtyVmcs12 || s.IsEvmcsInUse ? VmxFieldCounts.PrepareVmcs02EarlyRare : 0);
        c.VmcsFieldsRead += early;
        c.VmcsFieldsWritten += early;

        if (!GuestStateValid(v.Guest))
            return FailEntry(s, VmxExitReason.InvalidGuestState, 0, ref c);

        s.GuestMode = true;
        PrepareVmcs02(s, memory, clean, ref c);

        uint failedIndex = VmxMsrLists.Load(memory, v.EntryMsrLoadAddress, v.EntryMsrLoadCount, ref c);
        if (failedIndex != 0)
        {
            s.GuestMode = false;
            return FailEntry(s, VmxExitReason.MsrLoading, failedIndex, ref c);
        }

        c.L0ToL2Entries++;
        return VmxTransitionStatus.Resumed;
    }

    private enum EvmptrldResult
    {
        Disabled,
        Succeeded,
        VmFail,
        Error,
    }

    private static EvmptrldResult EnlightenedVmptrld(NestedVmxState s, GuestMemory memory, bool launch, ref PathCounters c)
    {
        if (!s.EnlightenedVmcsEnabled || s.VpAssistPageGpa == NestedVmxState.InvalidGpa)
            return EvmptrldResult.Disabled;

        // nested_get_evmptr refreshes KVM's copy of the VP assist page on every VMLAUNCH/VMRESUME.
        var assist = new VpAssistPage(memory, s.VpAssistPageGpa);
        if (!assist.TryReadEnlightenVmEntry(out bool enlightened) || !assist.TryReadCurrentNestedVmcs(out ulong gpa))
            return EvmptrldResult.Error;
        c.GuestBytesRead += sizeof(byte) + sizeof(ulong);
        if (!enlightened)
        {
            s.EvmcsGpa = NestedVmxState.InvalidGpa;
            return EvmptrldResult.Disabled;
        }

        bool changed = false;
        if (gpa != s.EvmcsGpa)
        {
            s.CurrentVmptr = NestedVmxState.InvalidGpa;
            s.EvmcsGpa = NestedVmxState.InvalidGpa;
            var candidate = new EnlightenedVmcs(memory, gpa);
            if (!candidate.TryReadVersion(out uint version))
                return EvmptrldResult.Error;
            c.GuestBytesRead += sizeof(uint);
            if (version != EnlightenedVmcs.SupportedVersion && version != Vmcs12Revision)
                return EvmptrldResult.VmFail;
            s.EvmcsGpa = gpa;
            changed = true;
        }

        // Clean fields cannot be trusted on VMLAUNCH or after switching to another L2's eVMCS.
        if (launch || changed)
        {
            new EnlightenedVmcs(memory, s.EvmcsGpa).TryWriteCleanFields(EvmcsCleanFields.None);
            c.GuestBytesWritten += sizeof(uint);
        }
        return EvmptrldResult.Succeeded;
    }

    private static VmInstructionError CheckBeforeEntry(NestedVmxState s, bool launch)
    {
        Vmcs12 v = s.Vmcs12;
        if ((s.L1.Interruptibility & VmxGuestState.BlockingByMovSs) != 0)
            return VmInstructionError.EntryEventsBlockedByMovSs;
        if (launch && v.Launched)
            return VmInstructionError.VmlaunchNonClearVmcs;
        if (!launch && !v.Launched)
            return VmInstructionError.VmresumeNonLaunchedVmcs;
        if (!ControlsValid(v))
            return VmInstructionError.EntryInvalidControlFields;
        if (!HostStateValid(v, s.L1))
            return VmInstructionError.EntryInvalidHostStateFields;
        return VmInstructionError.None;
    }

    /// <summary>A subset of SDM Vol 3C §27.2.1 (control checks) that the model can see.</summary>
    private static bool ControlsValid(Vmcs12 v)
    {
        const ulong PageOffset = 0xFFF;
        const ulong MsrListAlignment = 0xF;
        if (v.Has(PrimaryProcessorControls.UseIoBitmaps) && ((v.IoBitmapA | v.IoBitmapB) & PageOffset) != 0)
            return false;
        if (v.Has(PrimaryProcessorControls.UseMsrBitmaps) && (v.MsrBitmap & PageOffset) != 0)
            return false;
        if (v.Has(SecondaryProcessorControls.VmcsShadowing) && ((v.VmreadBitmap | v.VmwriteBitmap) & PageOffset) != 0)
            return false;
        // Virtual NMIs need NMI exiting, and NMI-window exiting needs virtual NMIs.
        if (!v.Has(PinBasedControls.NmiExiting) && v.Has(PinBasedControls.VirtualNmis))
            return false;
        if (!v.Has(PinBasedControls.VirtualNmis) && v.Has(PrimaryProcessorControls.NmiWindowExiting))
            return false;
        // MSR-list addresses must be 16-byte aligned.
        ulong lists = (v.ExitMsrStoreCount != 0 ? v.ExitMsrStoreAddress : 0)
            | (v.ExitMsrLoadCount != 0 ? v.ExitMsrLoadAddress : 0)
            | (v.EntryMsrLoadCount != 0 ? v.EntryMsrLoadAddress : 0);
        return (lists & MsrListAlignment) == 0;
    }

    /// <summary>SDM Vol 3C §27.2.4: "host address-space size" must match L1's IA-32e mode; a 64-bit host RIP must be canonical.</summary>
    private static bool HostStateValid(Vmcs12 v, in VmxGuestState l1)
    {
        bool hostLongMode = (v.ExitControls & VmExitControls.HostAddressSpaceSize) != 0;
        if (hostLongMode != ((l1.Efer & EferLma) != 0))
            return false;
        long rip = (long)v.HostRip;
        return !hostLongMode || (rip << 16 >> 16) == rip;
    }

    /// <summary>A subset of SDM Vol 3C §27.3.1 (guest-state checks).</summary>
    private static bool GuestStateValid(in VmxGuestState g) =>
        (g.Rflags & RflagsReserved1) != 0
        && ((g.Cr0 & Cr0Pg) == 0 || (g.Cr0 & Cr0Pe) != 0)
        && g.ActivityState <= MaxActivityState;

    private static void PrepareVmcs02(NestedVmxState s, GuestMemory memory, EvmcsCleanFields clean, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;
        ref VmxGuestState g = ref v.Guest;
        ref VmxGuestState l2 = ref s.L2;
        bool evmcs = s.IsEvmcsInUse;
        bool loadPdptrs = false;

        if (s.DirtyVmcs12 || evmcs)
        {
            int rare = VmxFieldCounts.RareOther;
            if (!evmcs || (clean & EvmcsCleanFields.GuestGrp2) == 0)
            {
                l2.Segments = g.Segments;
                rare += VmxFieldCounts.RareGuestGrp2;
            }
            if (!evmcs || (clean & EvmcsCleanFields.GuestGrp1) == 0)
            {
                l2.SysenterCs = g.SysenterCs;
                l2.SysenterEsp = g.SysenterEsp;
                l2.SysenterEip = g.SysenterEip;
                l2.PendingDebugExceptions = g.PendingDebugExceptions;
                rare += VmxFieldCounts.RareGuestGrp1;
                if (s.L0UsesEpt)
                {
                    CopyPdptrs(ref g, ref l2);
                    rare += VmxFieldCounts.RareGuestGrp1Pdptrs;
                }
                loadPdptrs = true;
            }
            c.VmcsFieldsRead += rare;
            c.VmcsFieldsWritten += rare;
            s.DirtyVmcs12 = false;
        }

        l2.Dr7 = g.Dr7;
        l2.DebugCtl = g.DebugCtl;
        l2.Rflags = g.Rflags;
        l2.Pat = g.Pat;
        l2.Cr0 = g.Cr0;
        l2.Cr4 = g.Cr4;
        l2.Efer = g.Efer;
        l2.Cr3 = g.Cr3;
        l2.Rsp = g.Rsp;
        l2.Rip = g.Rip;
        l2.Interruptibility = g.Interruptibility;
        l2.ActivityState = g.ActivityState;
        int common = VmxFieldCounts.PrepareVmcs02Common;
        if (loadPdptrs && v.Has(SecondaryProcessorControls.EnableEpt) && g.IsPaePaging)
        {
            CopyPdptrs(ref g, ref l2);
            common += VmxFieldCounts.PrepareVmcs02Pdptrs;
        }
        c.VmcsFieldsRead += common;
        c.VmcsFieldsWritten += common;

        // Hyper-V as L1 only clears clean bits, never sets them: L0 marks everything clean.
        if (evmcs)
        {
            new EnlightenedVmcs(memory, s.EvmcsGpa).TryWriteCleanFields(EvmcsCleanFields.All);
            c.GuestBytesWritten += sizeof(uint);
        }
    }

    private static void CopyPdptrs(ref VmxGuestState from, ref VmxGuestState to)
    {
        to.Pdpte0 = from.Pdpte0;
        to.Pdpte1 = from.Pdpte1;
        to.Pdpte2 = from.Pdpte2;
        to.Pdpte3 = from.Pdpte3;
    }

    /// <summary>vmentry_fail_vmexit: L1 resumes at host RIP and sees a failed-entry exit.</summary>
    private static VmxTransitionStatus FailEntry(NestedVmxState s, VmxExitReason reason, uint qualification, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;
        VmxExitPath.LoadVmcs12HostState(s, ref c);
        v.ExitReason = (ushort)reason | VmxExitReasonField.EntryFailureBit;
        v.ExitQualification = qualification;
        c.VmcsFieldsWritten += VmxFieldCounts.PrepareVmcs12EntryFailure;
        if (s.ShadowVmcsForL1 || s.IsEvmcsInUse)
            s.NeedVmcs12ToShadowSync = true;
        VmxExitPath.EnterL1(s, ref c);
        return reason == VmxExitReason.InvalidGuestState
            ? VmxTransitionStatus.EntryFailedInvalidGuestState
            : VmxTransitionStatus.EntryFailedMsrLoading;
    }

    private static VmxTransitionStatus InjectUd(NestedVmxState s, ref PathCounters c)
    {
        c.L0ToL1Entries++;
        return VmxTransitionStatus.UndefinedOpcodeInL1;
    }
}
