using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Reflection;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Reflection;

/// <summary>State changes and failure statuses of the modelled VMX exit and entry paths (model 01 §3.1, §4.1, §4.2).</summary>
public sealed class VmxReflectionStatusTests
{
    private static VmxTransitionStatus Exit(NestedVmxState state, GuestMemory memory, in ExitInfo exit, out PathCounters counters)
    {
        counters = new PathCounters();
        return VmxReflection.ReflectExit(state, memory, exit, ref counters);
    }

    private static VmxTransitionStatus Resume(NestedVmxState state, GuestMemory memory, out PathCounters counters, bool launch = false)
    {
        counters = new PathCounters();
        return VmxReflection.EmulateVmEntry(state, memory, launch, ref counters);
    }

    [Fact]
    public void D04_ReflectedExitFillsTheExitInformationAndResumesL1AtHostRip()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        var exit = ExitInfo.Vmx(VmxExitReason.IoInstruction, VmxIoQualification.Create(0x3F8, 1, isIn: false).Raw) with { InstructionLength = 1 };

        Assert.Equal(VmxTransitionStatus.InL1, Exit(state, memory, exit, out PathCounters c));

        Assert.False(state.GuestMode);
        Assert.Equal((uint)VmxExitReason.IoInstruction, state.Vmcs12.ExitReason);
        Assert.Equal(exit.Qualification, state.Vmcs12.ExitQualification);
        Assert.Equal(1u, state.Vmcs12.ExitInstructionLength);
        Assert.Equal(NestedFixtures.HostRip, state.L1.Rip);
        Assert.Equal(NestedFixtures.L2Rip, state.Vmcs12.Guest.Rip);
        Assert.Equal(1, c.L0ToL1Entries);
    }

    [Fact]
    public void D04_ErrorCodeIsCopiedOnlyForAnExceptionWithOne()
    {
        (NestedVmxState withCode, GuestMemory m1) = NestedFixtures.Vmx();
        (NestedVmxState withoutCode, GuestMemory m2) = NestedFixtures.Vmx();
        var gp = new ExitInfo { Code = 0, InterruptionInfo = VmxInterruptionInfo.Create(InterruptionType.HardwareException, 13, errorCode: true).Raw, InterruptionErrorCode = 0x18 };
        var ud = new ExitInfo { Code = 0, InterruptionInfo = VmxInterruptionInfo.Create(InterruptionType.HardwareException, 6).Raw, InterruptionErrorCode = 0x18 };

        Exit(withCode, m1, gp, out PathCounters a);
        Exit(withoutCode, m2, ud, out PathCounters b);

        Assert.Equal(0x18u, withCode.Vmcs12.ExitInterruptionErrorCode);
        Assert.Equal(0u, withoutCode.Vmcs12.ExitInterruptionErrorCode);
        Assert.Equal(1, a.VmcsFieldsWritten - b.VmcsFieldsWritten);
    }

    [Fact]
    public void D01_LateEntryFailureReportsVmFailValid7WithoutSyncingVmcs12()
    {
        (NestedVmxState state, GuestMemory _) = NestedFixtures.Vmx();
        state.L2.Rip = 0xDEAD;
        var c = new PathCounters();

        Assert.Equal(VmxTransitionStatus.LateVmFail, VmxReflection.ReflectLateEntryFailure(state, ref c));

        Assert.Equal(VmInstructionError.EntryInvalidControlFields, state.Vmcs12.InstructionError);
        Assert.NotEqual(0xDEADUL, state.Vmcs12.Guest.Rip);
        Assert.Equal(0, c.VmcsFieldsRead);
        Assert.Equal(5 + 1, c.VmcsFieldsWritten); // §4.1 step 5 rewrites + the VM-instruction error
        Assert.Equal(1, c.L0ToL1Entries);
    }

    [Fact]
    public void VmresumeOfANonLaunchedVmcsFailsWithError5()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.Vmcs12.Launched = false;

        Assert.Equal(VmxTransitionStatus.VmFailValid, Resume(state, memory, out PathCounters c));
        Assert.Equal(VmInstructionError.VmresumeNonLaunchedVmcs, state.Vmcs12.InstructionError);
        Assert.Equal(0, c.L0ToL2Entries);
        Assert.Equal(1, c.L0ToL1Entries);
        Assert.False(state.GuestMode);
    }

    [Fact]
    public void VmlaunchOfALaunchedVmcsFailsWithError4()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);

        Assert.Equal(VmxTransitionStatus.VmFailValid, Resume(state, memory, out _, launch: true));
        Assert.Equal(VmInstructionError.VmlaunchNonClearVmcs, state.Vmcs12.InstructionError);
    }

    [Fact]
    public void MovSsBlockingIsCheckedFirstWithError26()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.L1.Interruptibility = VmxGuestState.BlockingByMovSs;
        state.Vmcs12.Launched = false; // would be error 5, but MOV-SS comes first (§4.2 step 4)

        Assert.Equal(VmxTransitionStatus.VmFailValid, Resume(state, memory, out _));
        Assert.Equal(VmInstructionError.EntryEventsBlockedByMovSs, state.Vmcs12.InstructionError);
    }

    [Fact]
    public void InvalidControlsFailWithError7()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.Vmcs12.PrimaryControls = PrimaryProcessorControls.UseIoBitmaps;
        state.Vmcs12.IoBitmapA = NestedFixtures.IoBitmapAGpa + 8; // not 4 KiB aligned

        Assert.Equal(VmxTransitionStatus.VmFailValid, Resume(state, memory, out _));
        Assert.Equal(VmInstructionError.EntryInvalidControlFields, state.Vmcs12.InstructionError);
    }

    [Fact]
    public void HostAddressSpaceSizeMismatchFailsWithError8()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.Vmcs12.ExitControls = VmExitControls.None; // L1 is in IA-32e mode

        Assert.Equal(VmxTransitionStatus.VmFailValid, Resume(state, memory, out _));
        Assert.Equal(VmInstructionError.EntryInvalidHostStateFields, state.Vmcs12.InstructionError);
    }

    [Fact]
    public void NoCurrentVmcsIsVmFailInvalid()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.CurrentVmptr = NestedVmxState.InvalidGpa;

        Assert.Equal(VmxTransitionStatus.VmFailInvalid, Resume(state, memory, out PathCounters c));
        Assert.Equal(0, c.L0ToL2Entries);
    }

    [Fact]
    public void VmresumeOutsideVmxOperationInjectsUd()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.VmxOn = false;

        Assert.Equal(VmxTransitionStatus.UndefinedOpcodeInL1, Resume(state, memory, out _));
    }

    [Fact]
    public void InvalidGuestStateBecomesExitReason33WithTheEntryFailureBit()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.L1.Rip = 0x1234;
        state.Vmcs12.Guest.Rflags = 0; // reserved bit 1 must be 1

        Assert.Equal(VmxTransitionStatus.EntryFailedInvalidGuestState, Resume(state, memory, out PathCounters c));
        Assert.Equal(0x80000021u, state.Vmcs12.ExitReason);
        Assert.Equal(NestedFixtures.HostRip, state.L1.Rip);
        Assert.False(state.GuestMode);
        Assert.Equal(0, c.L0ToL2Entries);
        Assert.Equal(1, c.L0ToL1Entries);
    }

    [Fact]
    public void UnreadableEntryMsrListBecomesExitReason34WithTheFailingIndex()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        state.Vmcs12.EntryMsrLoadAddress = NestedFixtures.MemorySize - 16; // entry 1 readable, entry 2 not
        state.Vmcs12.EntryMsrLoadCount = 2;

        Assert.Equal(VmxTransitionStatus.EntryFailedMsrLoading, Resume(state, memory, out PathCounters c));
        Assert.Equal(0x80000022u, state.Vmcs12.ExitReason);
        Assert.Equal(2UL, state.Vmcs12.ExitQualification);
        Assert.Equal(16, c.GuestBytesRead);
        Assert.False(state.GuestMode);
    }

    [Fact]
    public void UnreadableExitMsrStoreListIsAVmxAbort()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.ExitMsrStoreAddress = NestedFixtures.Unmapped;
        state.Vmcs12.ExitMsrStoreCount = 1;

        Assert.Equal(VmxTransitionStatus.VmxAbort, Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out PathCounters c));
        Assert.Equal(0, c.L0ToL1Entries);
    }

    [Fact]
    public void MsrListsAreReadAndWrittenSixteenBytesPerEntry()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.ExitMsrStoreAddress = NestedFixtures.MsrListsGpa;
        state.Vmcs12.ExitMsrStoreCount = 2;
        state.Vmcs12.ExitMsrLoadAddress = NestedFixtures.MsrListsGpa + 0x100;
        state.Vmcs12.ExitMsrLoadCount = 3;

        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out PathCounters c);

        // Store: 8-byte header read + 8-byte value written per entry; load: whole 16-byte entry read.
        Assert.Equal(2 * 8 + 3 * 16, c.GuestBytesRead);
        Assert.Equal(2 * 8, c.GuestBytesWritten);
    }

    [Fact]
    public void SwitchingToAnotherEvmcsDiscardsItsCleanFields()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs: true);
        const ulong other = NestedFixtures.EvmcsGpa + 0x8000;
        memory.TryWriteUInt32(other, EnlightenedVmcs.SupportedVersion);
        memory.TryWriteUInt32(other + EnlightenedVmcs.CleanFieldsOffset, (uint)EvmcsCleanFields.All);
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        memory.TryWriteUInt64(NestedFixtures.VpAssistGpa + VpAssistPage.CurrentNestedVmcsOffset, other);

        Assert.Equal(VmxTransitionStatus.Resumed, Resume(state, memory, out PathCounters c));

        Assert.Equal(other, state.EvmcsGpa);
        // Every group copied (109) instead of the 2 always-copied fields, plus the full rare path.
        (NestedVmxState same, GuestMemory sameMemory) = NestedFixtures.Vmx(evmcs: true);
        Exit(same, sameMemory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        Resume(same, sameMemory, out PathCounters unchanged);
        Assert.Equal((109 - 2) + 36 + 4 + 4, c.VmcsFieldsRead - unchanged.VmcsFieldsRead);
    }

    [Fact]
    public void EvmcsWithAnUnknownVersionIsVmFailInvalid()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs: true);
        const ulong other = NestedFixtures.EvmcsGpa + 0x8000;
        memory.TryWriteUInt32(other, 7);
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        memory.TryWriteUInt64(NestedFixtures.VpAssistGpa + VpAssistPage.CurrentNestedVmcsOffset, other);

        Assert.Equal(VmxTransitionStatus.VmFailInvalid, Resume(state, memory, out _));
    }

    [Fact]
    public void UnmappableEvmcsInjectsUdIntoL1()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs: true);
        Exit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), out _);
        memory.TryWriteUInt64(NestedFixtures.VpAssistGpa + VpAssistPage.CurrentNestedVmcsOffset, NestedFixtures.Unmapped);

        Assert.Equal(VmxTransitionStatus.UndefinedOpcodeInL1, Resume(state, memory, out _));
    }

    [Fact]
    public void RoundTripPutsL2BackWhereVmcs12SaysItIs()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.L2.Rip = 0x40_2000;
        var c = new PathCounters();
        Assert.Equal(VmxTransitionStatus.InL1, VmxReflection.ReflectExit(state, memory, ExitInfo.Vmx(VmxExitReason.Cpuid), ref c));
        // L1 emulates CPUID and advances L2's RIP in vmcs12 (a shadowed VMWRITE).
        state.Vmcs12.Guest.Rip += 2;
        VmxReflection.RunL1Handler(state, memory, new L1HandlerCost { VmWrites = 1 }, ref c);

        Assert.Equal(VmxTransitionStatus.Resumed, VmxReflection.EmulateVmEntry(state, memory, launch: false, ref c));
        Assert.True(state.GuestMode);
        Assert.Equal(0x40_2002UL, state.L2.Rip);
    }

    [Fact]
    public void ReflectingOutsideGuestModeIsApiMisuse()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.GuestMode = false;
        var c = new PathCounters();

        Assert.Throws<InvalidOperationException>(() => VmxReflection.ReflectExit(state, memory, ExitInfo.Vmx(VmxExitReason.Hlt), ref c));
    }
}
