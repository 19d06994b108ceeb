using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// L1's VMRUN (KVM <c>nested_svm_vmrun</c>, <c>enter_svm_guest_mode</c>,
/// <c>nested_svm_merge_msrpm</c>; model 01 §6 "Entry"), with the vmcb12 clean-bit skipping that
/// applies when the vmcb12 GPA equals the previous one.
/// </summary>
internal static class SvmEntryPath
{
    private const ulong EferSvme = 1UL << 12;
    private const ulong Cr0Nw = 1UL << 29;
    private const ulong Cr0Cd = 1UL << 30;
    private const ulong PageSize = 0x1000;

    // Byte offsets of the MSRPM chunks KVM merges (see SvmFieldCounts.MsrpmMergeChunks). An array,
    // not a ReadOnlySpan<ushort> literal: that form allocated on every access in a Debug build.
    private static readonly ushort[] MsrpmMergeOffsets = [0x010, 0x038, 0x040, 0x058, 0x070, 0x820, 0x840];

    public static SvmTransitionStatus Run(NestedSvmState s, GuestMemory memory, ref PathCounters c)
    {
        ref SvmSaveState l1 = ref s.L1;
        if ((l1.Efer & EferSvme) == 0)
            return ToL1(SvmTransitionStatus.UndefinedOpcodeInL1, ref c);
        // kvm_hv_verify_vp_assist: an enabled VP assist page must be mappable.
        if (s.VpAssistPageGpa != NestedSvmState.InvalidGpa && !memory.Contains(s.VpAssistPageGpa, (int)PageSize))
            return ToL1(SvmTransitionStatus.GeneralProtectionInL1, ref c);

        ulong vmcb12 = l1.Rax;
        if ((vmcb12 & (PageSize - 1)) != 0 || !memory.Contains(vmcb12, (int)PageSize))
            return ToL1(SvmTransitionStatus.GeneralProtectionInL1, ref c);

        // Cache the control area and the validated save fields (TOC/TOU: checks use the cache).
        Vmcb12Controls.TryLoad(memory, vmcb12, s.HyperVHypercallsEnabled, out s.Control, ref c);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveEfer, out ulong efer);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveCr0, out ulong cr0);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveCr3, out ulong cr3);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveCr4, out ulong cr4);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveDr6, out ulong dr6);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveDr7, out ulong dr7);
        c.VmcsFieldsRead += SvmFieldCounts.VmrunSaveCache;
        c.GuestBytesRead += SvmFieldCounts.VmrunSaveCacheBytes;

        if (!ControlsValid(s.Control) || !SaveValid(efer, cr0))
        {
            memory.TryWriteUInt64(vmcb12 + VmcbLayout.ExitCode, (ulong)SvmExitCode.Invalid);
            memory.TryWriteUInt64(vmcb12 + VmcbLayout.ExitInfo1, 0);
            memory.TryWriteUInt64(vmcb12 + VmcbLayout.ExitInfo2, 0);
            memory.TryWriteUInt64(vmcb12 + VmcbLayout.EventInj, 0);
            c.VmcsFieldsWritten += SvmFieldCounts.VmrunFailureWrites;
            c.GuestBytesWritten += SvmFieldCounts.VmrunFailureWrites * sizeof(ulong);
            s.Gif = false;
            return ToL1(SvmTransitionStatus.VmrunInvalidVmcb, ref c);
        }

        // L1's state waits in vmcb01 (L1's RIP already points after VMRUN).
        int saved = SvmFieldCounts.VmrunSaveL1 + (s.L0UsesNpt ? 0 : 1);
        c.VmcsFieldsRead += saved;
        c.VmcsFieldsWritten += saved;

        // enter_svm_guest_mode.
        s.Vmcb12Gpa = vmcb12;
        int control = SvmFieldCounts.VmrunPrepareControl + SvmFieldCounts.VmrunInterceptWords;
        c.VmcsFieldsRead += control;
        c.VmcsFieldsWritten += control;
        PrepareSave(s, memory, vmcb12, efer, cr0, cr3, cr4, dr6, dr7, ref c);
        s.Gif = true;
        s.GuestMode = true;

        if (!MergeMsrpm(s, memory, ref c))
        {
            // out_exit_err: the exit path reports VMEXIT_INVALID to L1 without running L2.
            return SvmExitPath.Run(s, memory, (ulong)SvmExitCode.Invalid, 0, 0, 0, 0, ref c) == SvmTransitionStatus.InL1
                ? SvmTransitionStatus.VmrunMsrpmMergeFailed
                : SvmTransitionStatus.TripleFaultL1;
        }

        c.L0ToL2Entries++;
        return SvmTransitionStatus.Resumed;
    }

    private static void PrepareSave(NestedSvmState s, GuestMemory memory, ulong vmcb12, ulong efer, ulong cr0,
        ulong cr3, ulong cr4, ulong dr6, ulong dr7, ref PathCounters c)
    {
        ref SvmSaveState l2 = ref s.L2;
        bool newVmcb12 = vmcb12 != s.LastVmcb12Gpa;
        if (newVmcb12)
        {
            s.LastVmcb12Gpa = vmcb12;
            s.ForceMsrBitmapRecalc = true;
        }

        // vmcb_is_dirty reads the clean field of the mapped vmcb12 itself, not the cache.
        memory.TryReadUInt32(vmcb12 + VmcbLayout.CleanBits, out uint raw);
        c.GuestBytesRead += sizeof(uint);
        var clean = (VmcbCleanBits)raw;
        int fields = SvmFieldCounts.VmrunSaveAlways;
        int bytes = 5 * sizeof(ulong);

        if (newVmcb12 || (clean & VmcbCleanBits.Segments) == 0)
        {
            VmcbSegment.TryRead(memory, vmcb12 + VmcbLayout.SaveEs, out l2.Es);
            VmcbSegment.TryRead(memory, vmcb12 + VmcbLayout.SaveCs, out l2.Cs);
            VmcbSegment.TryRead(memory, vmcb12 + VmcbLayout.SaveSs, out l2.Ss);
            VmcbSegment.TryRead(memory, vmcb12 + VmcbLayout.SaveDs, out l2.Ds);
            memory.TryReadByte(vmcb12 + VmcbLayout.SaveCpl, out l2.Cpl);
            fields += SvmFieldCounts.VmrunSegGroup;
            bytes += 4 * VmcbSegment.Size + 1;
        }
        if (newVmcb12 || (clean & VmcbCleanBits.DescriptorTables) == 0)
        {
            VmcbSegment.TryRead(memory, vmcb12 + VmcbLayout.SaveGdtr, out l2.Gdtr);
            VmcbSegment.TryRead(memory, vmcb12 + VmcbLayout.SaveIdtr, out l2.Idtr);
            fields += SvmFieldCounts.VmrunDtGroup;
            bytes += 2 * VmcbSegment.Size;
        }

        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveRflags, out l2.Rflags);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveCr2, out l2.Cr2);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveRax, out l2.Rax);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveRsp, out l2.Rsp);
        memory.TryReadUInt64(vmcb12 + VmcbLayout.SaveRip, out l2.Rip);
        l2.Efer = efer;
        l2.Cr0 = cr0;
        l2.Cr4 = cr4;
        l2.Cr3 = cr3;

        if (newVmcb12 || (clean & VmcbCleanBits.DebugRegisters) == 0)
        {
            l2.Dr7 = dr7;
            l2.Dr6 = dr6;
            fields += SvmFieldCounts.VmrunDrGroup;
        }
        c.VmcsFieldsRead += fields;
        c.VmcsFieldsWritten += fields + SvmFieldCounts.VmrunSaveMirror;
        c.GuestBytesRead += bytes;
    }

    private static bool MergeMsrpm(NestedSvmState s, GuestMemory memory, ref PathCounters c)
    {
        ref Vmcb12Controls ctl = ref s.Control;
        // Hyper-V's enlightened MSR bitmap: L1 promises the bitmap is unchanged while the
        // enlightenments clean bit is set, so the merge is skipped.
        if (!s.ForceMsrBitmapRecalc && s.HyperVHypercallsEnabled
            && (ctl.HvEnlightenments & HvEnlightenmentsControl.MsrBitmap) != 0
            && (ctl.CleanBits & VmcbCleanBits.HvNestedEnlightenments) != 0)
            return true;
        if (!ctl.IsIntercepted(SvmInterceptBit.MsrProt))
            return true;
        foreach (ushort offset in MsrpmMergeOffsets)
        {
            if (!memory.TryReadUInt64(ctl.MsrpmBasePa + offset, out _))
                return false;
            c.GuestBytesRead += SvmFieldCounts.MsrpmMergeChunkBytes;
        }
        s.ForceMsrBitmapRecalc = false;
        return true;
    }

    /// <summary>__nested_vmcb_check_controls: VMRUN must be intercepted and the ASID non-zero.</summary>
    private static bool ControlsValid(in Vmcb12Controls ctl) =>
        ctl.IsIntercepted(SvmInterceptBit.Vmrun) && ctl.Asid != 0;

    /// <summary>__nested_vmcb_check_save: EFER.SVME set, CR0.NW only with CR0.CD, CR0[63:32] zero.</summary>
    private static bool SaveValid(ulong efer, ulong cr0) =>
        (efer & EferSvme) != 0
        && !((cr0 & Cr0Cd) == 0 && (cr0 & Cr0Nw) != 0)
        && (cr0 >> 32) == 0;

    private static SvmTransitionStatus ToL1(SvmTransitionStatus status, ref PathCounters c)
    {
        c.L0ToL1Entries++;
        return status;
    }
}
