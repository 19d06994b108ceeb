using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// The way back into L2 after L1's VMLAUNCH/VMRESUME exit (KVM <c>nested_vmx_run</c>,
/// <c>nested_vmx_enter_non_root_mode</c>, <c>prepare_vmcs02</c>; model 01 §4.2 steps 1–6),
/// honouring the eVMCS clean fields.
/// </summary>
internal static class VmxEntryPath
{
    public static VmxTransitionStatus Run(NestedVmxState s, GuestMemory memory, bool launch, ref PathCounters c)
    {
        Vmcs12 v = s.Vmcs12;

        // Step 1: permission, then the enlightened VMPTRLD.
        if (!s.VmxOn)
            return InjectUd(ref c);
        VmxEnlightenedVmptrld.Result evmptrld = VmxEnlightenedVmptrld.Run(s, memory, launch, ref c);
        if (evmptrld == VmxEnlightenedVmptrld.Result.Error)
            return InjectUd(ref c);

        // Step 2: a current VMCS is required.
        if (evmptrld == VmxEnlightenedVmptrld.Result.VmFail || (!s.IsEvmcsInUse && s.CurrentVmptr == NestedVmxState.InvalidGpa))
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
        VmInstructionError error = VmxEntryChecks.BeforeEntry(s, launch);
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

        if (!VmxEntryChecks.GuestStateValid(v.Guest))
            return FailEntry(s, VmxExitReason.InvalidGuestState, 0, ref c);

        s.GuestMode = true;
        VmxPrepareVmcs02.Run(s, memory, clean, ref c);

        uint failedIndex = VmxMsrLists.Load(memory, v.EntryMsrLoadAddress, v.EntryMsrLoadCount, ref c);
        if (failedIndex != 0)
        {
            s.GuestMode = false;
            return FailEntry(s, VmxExitReason.MsrLoading, failedIndex, ref c);
        }

        c.L0ToL2Entries++;
        return VmxTransitionStatus.Resumed;
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

    private static VmxTransitionStatus InjectUd(ref PathCounters c)
    {
        c.L0ToL1Entries++;
        return VmxTransitionStatus.UndefinedOpcodeInL1;
    }
}
