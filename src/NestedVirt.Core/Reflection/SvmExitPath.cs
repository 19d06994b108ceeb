using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Reflection;

/// <summary>
/// The nested #VMEXIT, L2 → L1 (KVM <c>nested_svm_vmexit</c>; model 01 §6 steps 1–5). vmcb12 is
/// written in place in L1 memory at the offsets of model 01 §2.
/// </summary>
internal static class SvmExitPath
{
    private const ulong Cr0Pe = 1;
    private const ulong Dr7Fixed = 0x400;
    private const int SaveBytes = 6 * VmcbSegment.Size + 11 * sizeof(ulong) + 1;

    public static SvmTransitionStatus Run(NestedSvmState s, GuestMemory memory, ulong exitCode, ulong exitInfo1,
        ulong exitInfo2, ulong exitIntInfo, ulong nextRip, ref PathCounters c)
    {
        // Step 1: copy L2's state and the exit information into vmcb12.
        bool mapped = UpdateVmcb12(s, memory, exitCode, exitInfo1, exitInfo2, exitIntInfo, nextRip, ref c);

        // Step 2: leave guest mode; vmcb01 becomes current.
        s.GuestMode = false;
        s.Vmcb12Gpa = 0;
        // Step 3: GIF is architecturally 0 after #VMEXIT.
        s.Gif = false;
        s.Control.NestedCr3 = 0;
        c.VmcsFieldsWritten += SvmFieldCounts.ExitBookkeeping;

        // Step 4: restore what VMRUN parked in vmcb01; the nested MMU is torn down.
        ref SvmSaveState l1 = ref s.L1;
        l1.Cr0 |= Cr0Pe;
        l1.Dr7 = Dr7Fixed;
        c.VmcsFieldsRead += SvmFieldCounts.ExitRestoreL1;
        c.VmcsFieldsWritten += SvmFieldCounts.ExitRestoreL1 + SvmFieldCounts.ExitRestoreConstants;

        if (!mapped)
            return SvmTransitionStatus.TripleFaultL1;
        c.L0ToL1Entries++;
        return SvmTransitionStatus.InL1;
    }

    private static bool UpdateVmcb12(NestedSvmState s, GuestMemory memory, ulong exitCode, ulong exitInfo1,
        ulong exitInfo2, ulong exitIntInfo, ulong nextRip, ref PathCounters c)
    {
        ulong b = s.Vmcb12Gpa;
        if (!memory.Contains(b, VmcbLayout.SaveCr2 + sizeof(ulong)))
            return false;

        ref SvmSaveState l2 = ref s.L2;
        l2.Es.TryWrite(memory, b + VmcbLayout.SaveEs);
        l2.Cs.TryWrite(memory, b + VmcbLayout.SaveCs);
        l2.Ss.TryWrite(memory, b + VmcbLayout.SaveSs);
        l2.Ds.TryWrite(memory, b + VmcbLayout.SaveDs);
        l2.Gdtr.TryWrite(memory, b + VmcbLayout.SaveGdtr);
        l2.Idtr.TryWrite(memory, b + VmcbLayout.SaveIdtr);
        memory.TryWriteUInt64(b + VmcbLayout.SaveEfer, l2.Efer);
        memory.TryWriteUInt64(b + VmcbLayout.SaveCr0, l2.Cr0);
        memory.TryWriteUInt64(b + VmcbLayout.SaveCr3, l2.Cr3);
        memory.TryWriteUInt64(b + VmcbLayout.SaveCr2, l2.Cr2);
        memory.TryWriteUInt64(b + VmcbLayout.SaveCr4, l2.Cr4);
        memory.TryWriteUInt64(b + VmcbLayout.SaveRflags, l2.Rflags);
        memory.TryWriteUInt64(b + VmcbLayout.SaveRip, l2.Rip);
        memory.TryWriteUInt64(b + VmcbLayout.SaveRsp, l2.Rsp);
        memory.TryWriteUInt64(b + VmcbLayout.SaveRax, l2.Rax);
        memory.TryWriteUInt64(b + VmcbLayout.SaveDr7, l2.Dr7);
        memory.TryWriteUInt64(b + VmcbLayout.SaveDr6, l2.Dr6);
        if (memory.TryGetSpan(b + VmcbLayout.SaveCpl, 1, out Span<byte> cpl))
            cpl[0] = l2.Cpl;
        int fields = SvmFieldCounts.ExitSave + SvmFieldCounts.ExitControl;
        int bytes = SaveBytes;

        memory.TryWriteUInt32(b + VmcbLayout.IntState, 0);
        memory.TryWriteUInt64(b + VmcbLayout.ExitCode, exitCode);
        memory.TryWriteUInt64(b + VmcbLayout.ExitInfo1, exitInfo1);
        memory.TryWriteUInt64(b + VmcbLayout.ExitInfo2, exitInfo2);
        // The pending-event report is skipped for VMEXIT_INVALID.
        memory.TryWriteUInt64(b + VmcbLayout.ExitIntInfo, exitCode == (ulong)SvmExitCode.Invalid ? 0 : exitIntInfo);
        memory.TryWriteUInt64(b + VmcbLayout.EventInj, 0);
        memory.TryWriteUInt32(b + VmcbLayout.IntCtl, s.Control.IntCtl);
        bytes += 2 * sizeof(uint) + 5 * sizeof(ulong);
        if (s.NripsExposedToL1)
        {
            memory.TryWriteUInt64(b + VmcbLayout.NextRip, nextRip);
            fields += SvmFieldCounts.ExitNextRip;
            bytes += sizeof(ulong);
        }
        c.VmcsFieldsRead += fields;
        c.VmcsFieldsWritten += fields;
        c.GuestBytesWritten += bytes;
        return true;
    }
}
