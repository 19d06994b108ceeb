using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Reflection;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Reflection;

/// <summary>The nested #VMEXIT and VMRUN model (model 01 §6): vmcb12 contents, counts, clean-bit skipping, failures.</summary>
public sealed class SvmReflectionTests
{
    private static readonly ExitInfo Cpuid = ExitInfo.Svm(SvmExitCode.Cpuid) with { NextRip = NestedFixtures.L2Rip + 2 };

    private static PathCounters RoundTrip(NestedSvmState state, GuestMemory memory, in L1HandlerCost handler)
    {
        var counters = new PathCounters();
        Assert.Equal(SvmTransitionStatus.Resumed, SvmReflection.ReflectAndResume(state, memory, Cpuid, handler, ref counters));
        return counters;
    }

    [Fact]
    public void NestedVmexitWritesTheExitIntoVmcb12InL1Memory()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var ioExit = ExitInfo.Svm(SvmExitCode.Ioio, 0x3F80010, 0xABCD) with { NextRip = 0x40_1001 };
        var c = new PathCounters();

        Assert.Equal(SvmTransitionStatus.InL1, SvmReflection.ReflectExit(state, memory, ioExit, ref c));

        ulong vmcb = NestedFixtures.Vmcb12Gpa;
        memory.TryReadUInt64(vmcb + 0x70, out ulong code);
        memory.TryReadUInt64(vmcb + 0x78, out ulong info1);
        memory.TryReadUInt64(vmcb + 0x80, out ulong info2);
        memory.TryReadUInt64(vmcb + 0xC8, out ulong nrip);
        memory.TryReadUInt64(vmcb + 0x578, out ulong rip);
        Assert.Equal((ulong)SvmExitCode.Ioio, code);
        Assert.Equal(0x3F80010UL, info1);
        Assert.Equal(0xABCDUL, info2);
        Assert.Equal(0x40_1001UL, nrip);
        Assert.Equal(NestedFixtures.L2Rip, rip);
        Assert.False(state.GuestMode);
        Assert.False(state.Gif);
        Assert.Equal(0UL, state.Vmcb12Gpa);
        Assert.Equal(1, c.L0ToL1Entries);
    }

    [Fact]
    public void NestedVmexitCountsTheSpecsFieldsAndBytes()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();

        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);

        // §6 step 1: 18 save fields + 7 control fields + nRIP (NRIPS exposed); step 4: 8 restored.
        Assert.Equal(18 + 7 + 1 + 8, c.VmcsFieldsRead);
        // Writes add step 2-3 bookkeeping (4) and DR7 = 0x400 (1).
        Assert.Equal(18 + 7 + 1 + 4 + 8 + 1, c.VmcsFieldsWritten);
        // Save area: 6 segments of 16 bytes, 11 u64, CPL byte; control: 2 u32 + 5 u64 + nRIP.
        Assert.Equal(6 * 16 + 11 * 8 + 1 + 2 * 4 + 5 * 8 + 8, c.GuestBytesWritten);
    }

    [Fact]
    public void WithoutNripsTheNextRipIsNotWrittenBack()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.NripsExposedToL1 = false;
        var c = new PathCounters();

        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);

        memory.TryReadUInt64(NestedFixtures.Vmcb12Gpa + 0xC8, out ulong nrip);
        Assert.Equal(0UL, nrip);
        Assert.Equal(18 + 7 + 8, c.VmcsFieldsRead);
    }

    [Fact]
    public void CleanRoundTripOnTheSameVmcb12CountsExactly()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();

        PathCounters c = RoundTrip(state, memory, default);

        // Exit 26 + 8 read; VMRUN: control cache 25, save cache 7, L1 parked in vmcb01 5,
        // prepare_control 13 + intercept words 6, prepare_save always 9 (SEG/DT/DR clean, same GPA).
        Assert.Equal((26 + 8) + (25 + 7 + 5 + 19 + 9), c.VmcsFieldsRead);
        Assert.Equal((26 + 4 + 9) + (5 + 19 + 9 + 3), c.VmcsFieldsWritten);
        // Control cache 141 bytes, save cache 64, clean bits 4, RFLAGS/CR2/RAX/RSP/RIP 40; no MSRPM merge
        // because vmcb12 does not intercept MSR_PROT.
        Assert.Equal(141 + 64 + 4 + 40, c.GuestBytesRead);
        Assert.Equal(1, c.L0ToL1Entries);
        Assert.Equal(1, c.L1ToL0Exits);
        Assert.Equal(1, c.L0ToL2Entries);
    }

    [Fact]
    public void CleanBitsSkipSegDtAndDrWhenTheVmcb12GpaIsUnchanged()
    {
        (NestedSvmState cleanState, GuestMemory cleanMemory) = NestedFixtures.Svm();
        (NestedSvmState dirtyState, GuestMemory dirtyMemory) = NestedFixtures.Svm();

        PathCounters clean = RoundTrip(cleanState, cleanMemory, default);
        PathCounters dirty = RoundTrip(dirtyState, dirtyMemory,
            new L1HandlerCost { DirtiedVmcbGroups = VmcbCleanBits.Segments | VmcbCleanBits.DescriptorTables | VmcbCleanBits.DebugRegisters });

        // SEG: ES, CS, SS, DS, CPL; DT: GDTR, IDTR; DR: DR7, DR6.
        Assert.Equal(5 + 2 + 2, dirty.VmcsFieldsRead - clean.VmcsFieldsRead);
        // SEG reads 4 segments of 16 bytes and the CPL byte from vmcb12, DT 2 segments; DR comes from the save cache.
        Assert.Equal(4 * 16 + 1 + 2 * 16, dirty.GuestBytesRead - clean.GuestBytesRead);
    }

    [Fact]
    public void ANewVmcb12GpaIgnoresTheCleanBits()
    {
        (NestedSvmState same, GuestMemory sameMemory) = NestedFixtures.Svm();
        (NestedSvmState moved, GuestMemory movedMemory) = NestedFixtures.Svm();
        moved.LastVmcb12Gpa = NestedSvmState.InvalidGpa;

        PathCounters a = RoundTrip(same, sameMemory, default);
        PathCounters b = RoundTrip(moved, movedMemory, default);

        Assert.Equal(5 + 2 + 2, b.VmcsFieldsRead - a.VmcsFieldsRead);
        Assert.Equal(NestedFixtures.Vmcb12Gpa, moved.LastVmcb12Gpa);
    }

    [Fact]
    public void VmrunLoadsL2StateFromVmcb12()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();
        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);
        // L1 emulates CPUID: it advances L2's RIP in vmcb12 (a plain store).
        memory.TryWriteUInt64(NestedFixtures.Vmcb12Gpa + 0x578, NestedFixtures.L2Rip + 2);

        SvmReflection.RunL1Handler(state, memory, default, ref c);
        Assert.Equal(SvmTransitionStatus.Resumed, SvmReflection.EmulateVmrun(state, memory, ref c));

        Assert.Equal(NestedFixtures.L2Rip + 2, state.L2.Rip);
        Assert.True(state.GuestMode);
        Assert.True(state.Gif);
        Assert.Equal(NestedFixtures.Vmcb12Gpa, state.Vmcb12Gpa);
    }

    [Fact]
    public void MsrpmMergeReadsSevenChunksUnlessTheHyperVMsrBitmapEnlightenmentSaysClean()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.HyperVHypercallsEnabled = true;
        ulong vmcb = NestedFixtures.Vmcb12Gpa;
        memory.TryWriteUInt32(vmcb + 0x00C, 1u << ((int)SvmInterceptBit.MsrProt - 96));
        memory.TryWriteUInt32(vmcb + 0x3E0, (uint)HvEnlightenmentsControl.MsrBitmap);

        PathCounters first = RoundTrip(state, memory, new L1HandlerCost { DirtiedVmcbGroups = VmcbCleanBits.HvNestedEnlightenments });
        PathCounters second = RoundTrip(state, memory, default);

        // First VMRUN merges (forced recalc, and the enlightenment clean bit is clear): 7 chunks of 8 bytes.
        Assert.Equal(7 * 8, first.GuestBytesRead - second.GuestBytesRead);
        Assert.False(state.ForceMsrBitmapRecalc);
    }

    [Fact]
    public void FailedConsistencyCheckWritesVmexitInvalidIntoVmcb12()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();
        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);
        memory.TryWriteUInt32(NestedFixtures.Vmcb12Gpa + 0x058, 0); // ASID 0 is illegal

        c = new PathCounters();
        Assert.Equal(SvmTransitionStatus.VmrunInvalidVmcb, SvmReflection.EmulateVmrun(state, memory, ref c));

        memory.TryReadUInt64(NestedFixtures.Vmcb12Gpa + 0x70, out ulong code);
        Assert.Equal(ulong.MaxValue, code);
        Assert.False(state.GuestMode);
        Assert.Equal(0, c.L0ToL2Entries);
        Assert.Equal(1, c.L0ToL1Entries);
    }

    [Fact]
    public void VmrunWithoutTheVmrunInterceptFailsTheConsistencyCheck()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();
        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);
        memory.TryWriteUInt32(NestedFixtures.Vmcb12Gpa + 0x010, 0);

        Assert.Equal(SvmTransitionStatus.VmrunInvalidVmcb, SvmReflection.EmulateVmrun(state, memory, ref c));
    }

    [Fact]
    public void UnreadableMsrpmTurnsVmrunIntoAVmexitInvalid()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();
        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);
        memory.TryWriteUInt32(NestedFixtures.Vmcb12Gpa + 0x00C, 1u << ((int)SvmInterceptBit.MsrProt - 96));
        memory.TryWriteUInt64(NestedFixtures.Vmcb12Gpa + 0x048, NestedFixtures.Unmapped);

        c = new PathCounters();
        Assert.Equal(SvmTransitionStatus.VmrunMsrpmMergeFailed, SvmReflection.EmulateVmrun(state, memory, ref c));

        memory.TryReadUInt64(NestedFixtures.Vmcb12Gpa + 0x70, out ulong code);
        Assert.Equal(ulong.MaxValue, code);
        Assert.False(state.GuestMode);
        Assert.Equal(0, c.L0ToL2Entries);
    }

    [Fact]
    public void Vmcb12OutsideGuestRamIsAGeneralProtectionFaultInL1()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();
        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);
        state.L1.Rax = NestedFixtures.Unmapped;

        Assert.Equal(SvmTransitionStatus.GeneralProtectionInL1, SvmReflection.EmulateVmrun(state, memory, ref c));
    }

    [Fact]
    public void VmrunWithEferSvmeClearIsUndefinedInL1()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var c = new PathCounters();
        SvmReflection.ReflectExit(state, memory, Cpuid, ref c);
        state.L1.Efer &= ~(1UL << 12);

        Assert.Equal(SvmTransitionStatus.UndefinedOpcodeInL1, SvmReflection.EmulateVmrun(state, memory, ref c));
    }

    [Fact]
    public void UnmappableVmcb12OnExitRequestsATripleFault()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Vmcb12Gpa = NestedFixtures.Unmapped;
        var c = new PathCounters();

        Assert.Equal(SvmTransitionStatus.TripleFaultL1, SvmReflection.ReflectExit(state, memory, Cpuid, ref c));
        Assert.Equal(0, c.L0ToL1Entries);
        Assert.False(state.GuestMode);
    }

    [Fact]
    public void HandlerExitsCostAnExitAndAnEntryEach()
    {
        (NestedSvmState a, GuestMemory am) = NestedFixtures.Svm();
        (NestedSvmState b, GuestMemory bm) = NestedFixtures.Svm();

        PathCounters quiet = RoundTrip(a, am, default);
        PathCounters busy = RoundTrip(b, bm, new L1HandlerCost { OtherL1Exits = 3, VmReads = 40, VmWrites = 10 });

        // VMCB fields are plain memory for L1: only the 3 other exits add transitions.
        Assert.Equal(2 * 3, busy.Transitions - quiet.Transitions);
    }
}
