using NestedVirt.Exits;

namespace NestedVirt.Tests.Exits;

/// <summary>Exit reasons and codes numbered exactly as model 01 §1.1 and §2 (SDM Appendix C, APM Appendix C).</summary>
public sealed class ExitNumberingTests
{
#if INTEL_VMX
    [Theory]
    [InlineData(VmxExitReason.ExceptionOrNmi, 0)]
    [InlineData(VmxExitReason.ExternalInterrupt, 1)]
    [InlineData(VmxExitReason.TripleFault, 2)]
    [InlineData(VmxExitReason.InitSignal, 3)]
    [InlineData(VmxExitReason.Sipi, 4)]
    [InlineData(VmxExitReason.IoSmi, 5)]
    [InlineData(VmxExitReason.OtherSmi, 6)]
    [InlineData(VmxExitReason.InterruptWindow, 7)]
    [InlineData(VmxExitReason.NmiWindow, 8)]
    [InlineData(VmxExitReason.TaskSwitch, 9)]
    [InlineData(VmxExitReason.Cpuid, 10)]
    [InlineData(VmxExitReason.Getsec, 11)]
    [InlineData(VmxExitReason.Hlt, 12)]
    [InlineData(VmxExitReason.Invd, 13)]
    [InlineData(VmxExitReason.Invlpg, 14)]
    [InlineData(VmxExitReason.Rdpmc, 15)]
    [InlineData(VmxExitReason.Rdtsc, 16)]
    [InlineData(VmxExitReason.Rsm, 17)]
    [InlineData(VmxExitReason.Vmcall, 18)]
    [InlineData(VmxExitReason.Vmclear, 19)]
    [InlineData(VmxExitReason.Vmlaunch, 20)]
    [InlineData(VmxExitReason.Vmptrld, 21)]
    [InlineData(VmxExitReason.Vmptrst, 22)]
    [InlineData(VmxExitReason.Vmread, 23)]
    [InlineData(VmxExitReason.Vmresume, 24)]
    [InlineData(VmxExitReason.Vmwrite, 25)]
    [InlineData(VmxExitReason.Vmxoff, 26)]
    [InlineData(VmxExitReason.Vmxon, 27)]
    [InlineData(VmxExitReason.CrAccess, 28)]
    [InlineData(VmxExitReason.DrAccess, 29)]
    [InlineData(VmxExitReason.IoInstruction, 30)]
    [InlineData(VmxExitReason.MsrRead, 31)]
    [InlineData(VmxExitReason.MsrWrite, 32)]
    [InlineData(VmxExitReason.InvalidGuestState, 33)]
    [InlineData(VmxExitReason.MsrLoading, 34)]
    [InlineData(VmxExitReason.Mwait, 36)]
    [InlineData(VmxExitReason.MonitorTrapFlag, 37)]
    [InlineData(VmxExitReason.Monitor, 39)]
    [InlineData(VmxExitReason.Pause, 40)]
    [InlineData(VmxExitReason.MceDuringVmentry, 41)]
    [InlineData(VmxExitReason.TprBelowThreshold, 43)]
    [InlineData(VmxExitReason.ApicAccess, 44)]
    [InlineData(VmxExitReason.EoiInduced, 45)]
    [InlineData(VmxExitReason.GdtrIdtrAccess, 46)]
    [InlineData(VmxExitReason.LdtrTrAccess, 47)]
    [InlineData(VmxExitReason.EptViolation, 48)]
    [InlineData(VmxExitReason.EptMisconfig, 49)]
    [InlineData(VmxExitReason.Invept, 50)]
    [InlineData(VmxExitReason.Rdtscp, 51)]
    [InlineData(VmxExitReason.PreemptionTimer, 52)]
    [InlineData(VmxExitReason.Invvpid, 53)]
    [InlineData(VmxExitReason.Wbinvd, 54)]
    [InlineData(VmxExitReason.Xsetbv, 55)]
    [InlineData(VmxExitReason.ApicWrite, 56)]
    [InlineData(VmxExitReason.Rdrand, 57)]
    [InlineData(VmxExitReason.Invpcid, 58)]
    [InlineData(VmxExitReason.Vmfunc, 59)]
    [InlineData(VmxExitReason.Encls, 60)]
    [InlineData(VmxExitReason.Rdseed, 61)]
    [InlineData(VmxExitReason.PmlFull, 62)]
    [InlineData(VmxExitReason.Xsaves, 63)]
    [InlineData(VmxExitReason.Xrstors, 64)]
    [InlineData(VmxExitReason.Spp, 66)]
    [InlineData(VmxExitReason.Umwait, 67)]
    [InlineData(VmxExitReason.Tpause, 68)]
    [InlineData(VmxExitReason.BusLock, 74)]
    [InlineData(VmxExitReason.Notify, 75)]
    public void VmxExitReasonIsNumberedAsTheSpecTable(VmxExitReason reason, int number) =>
        Assert.Equal(number, (int)reason);

#endif

#if AMD_SVM
    [Theory]
    [InlineData(SvmExitCode.ReadCr0, 0x000UL)]
    [InlineData(SvmExitCode.WriteCr0, 0x010UL)]
    [InlineData(SvmExitCode.ReadDr0, 0x020UL)]
    [InlineData(SvmExitCode.WriteDr0, 0x030UL)]
    [InlineData(SvmExitCode.ExceptionUd, 0x046UL)]
    [InlineData(SvmExitCode.ExceptionPf, 0x04EUL)]
    [InlineData(SvmExitCode.Intr, 0x060UL)]
    [InlineData(SvmExitCode.Cr0SelectiveWrite, 0x065UL)]
    [InlineData(SvmExitCode.IdtrRead, 0x066UL)]
    [InlineData(SvmExitCode.TrWrite, 0x06DUL)]
    [InlineData(SvmExitCode.Rdtsc, 0x06EUL)]
    [InlineData(SvmExitCode.Cpuid, 0x072UL)]
    [InlineData(SvmExitCode.Hlt, 0x078UL)]
    [InlineData(SvmExitCode.Ioio, 0x07BUL)]
    [InlineData(SvmExitCode.Msr, 0x07CUL)]
    [InlineData(SvmExitCode.Shutdown, 0x07FUL)]
    [InlineData(SvmExitCode.Vmrun, 0x080UL)]
    [InlineData(SvmExitCode.Vmmcall, 0x081UL)]
    [InlineData(SvmExitCode.Rdpru, 0x08EUL)]
    [InlineData(SvmExitCode.BusLock, 0x0A5UL)]
    [InlineData(SvmExitCode.Npf, 0x400UL)]
    [InlineData(SvmExitCode.AvicIncompleteIpi, 0x401UL)]
    [InlineData(SvmExitCode.AvicUnacceleratedAccess, 0x402UL)]
    [InlineData(SvmExitCode.Invalid, ulong.MaxValue)]
    public void SvmExitCodeIsNumberedAsTheSpecTable(SvmExitCode code, ulong number) =>
        Assert.Equal(number, (ulong)code);

    [Fact]
    public void SvmRangeHelpersBuildAndClassify()
    {
        Assert.Equal((SvmExitCode)0x0F, SvmExitCodeRanges.ReadCr(15));
        Assert.Equal((SvmExitCode)0x1F, SvmExitCodeRanges.WriteCr(15));
        Assert.Equal((SvmExitCode)0x2F, SvmExitCodeRanges.ReadDr(15));
        Assert.Equal((SvmExitCode)0x3F, SvmExitCodeRanges.WriteDr(15));
        Assert.Equal((SvmExitCode)0x5F, SvmExitCodeRanges.Exception(31));

        Assert.True(SvmExitCodeRanges.IsCrAccess(SvmExitCode.WriteCr8, out int cr, out bool write));
        Assert.Equal(8, cr);
        Assert.True(write);
        Assert.True(SvmExitCodeRanges.IsDrAccess((SvmExitCode)0x27, out int dr, out bool drWrite));
        Assert.Equal(7, dr);
        Assert.False(drWrite);
        Assert.True(SvmExitCodeRanges.IsException(SvmExitCode.ExceptionPf, out int vector));
        Assert.Equal(14, vector);

        Assert.False(SvmExitCodeRanges.IsCrAccess(SvmExitCode.ReadDr0, out _, out _));
        Assert.False(SvmExitCodeRanges.IsDrAccess(SvmExitCode.ExceptionDe, out _, out _));
        Assert.False(SvmExitCodeRanges.IsException(SvmExitCode.Intr, out _));
        Assert.False(SvmExitCodeRanges.IsException(SvmExitCode.Invalid, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => SvmExitCodeRanges.ReadCr(16));
        Assert.Throws<ArgumentOutOfRangeException>(() => SvmExitCodeRanges.Exception(32));
    }

#endif

#if INTEL_VMX
    [Fact]
    public void ExitReasonFieldSplitsBasicReasonAndFlagBits()
    {
        var field = new VmxExitReasonField(0x8C000021);

        Assert.Equal(VmxExitReason.InvalidGuestState, field.Reason);
        Assert.Equal((ushort)33, field.Basic);
        Assert.True(field.EntryFailure);
        Assert.True(field.EnclaveMode);
        Assert.True(field.BusLockDetected);
        Assert.False(new VmxExitReasonField(18).EntryFailure);
        Assert.Equal(0x80000022u, VmxExitReasonField.From(VmxExitReason.MsrLoading, entryFailure: true).Raw);
    }

#endif

#if NESTED_VIRT && INTEL_VMX && AMD_SVM
    [Fact]
    public void HyperVSyntheticExitsHaveTheTlfsValues()
    {
        Assert.Equal(0x10000031u, HyperVSyntheticExits.VmxTrapAfterFlush);
        Assert.Equal(0xF0000000UL, HyperVSyntheticExits.SvmEnlightenedExit);
        // The synthetic reason shares its low 16 bits with EPT_MISCONFIG.
        Assert.Equal(VmxExitReason.EptMisconfig, new VmxExitReasonField(HyperVSyntheticExits.VmxTrapAfterFlush).Reason);
    }

#endif

#if INTEL_VMX
    [Fact]
    public void InterruptionInfoMatchesOnlyHardwareExceptionsAsExceptions()
    {
        var pf = VmxInterruptionInfo.Create(InterruptionType.HardwareException, 14, errorCode: true);
        var int3 = VmxInterruptionInfo.Create(InterruptionType.SoftwareException, 3);
        var nmi = VmxInterruptionInfo.Create(InterruptionType.Nmi, 2);

        Assert.True(pf.IsException(ExceptionVector.PageFault));
        Assert.True(pf.HasErrorCode);
        Assert.False(int3.IsException(ExceptionVector.Breakpoint));
        Assert.True(nmi.IsNmi);
        Assert.False(new VmxInterruptionInfo(nmi.Raw & ~VmxInterruptionInfo.ValidBit).IsNmi);
    }
#endif
}
