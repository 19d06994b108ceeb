using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>
/// L0's exit handler for a guest without nested virtualization, which is every guest of a build
/// with nested code compiled out and a guest created without the nested flag in any build: B-20
/// (c), "the architectural fault, never a hypervisor assertion", and L0's own handling.
/// </summary>
public sealed class L0ExitHandlerTests
{
#if INTEL_VMX
    public static TheoryData<VmxExitReason> VmxInstructions() => new()
    {
        VmxExitReason.Vmxon, VmxExitReason.Vmclear, VmxExitReason.Vmlaunch, VmxExitReason.Vmresume, VmxExitReason.Vmptrld,
        VmxExitReason.Vmptrst, VmxExitReason.Vmread, VmxExitReason.Vmwrite, VmxExitReason.Vmxoff, VmxExitReason.Invept,
        VmxExitReason.Invvpid, VmxExitReason.Vmfunc,
    };

    [Theory]
    [MemberData(nameof(VmxInstructions))]
    public void EveryVmxInstructionOfAGuestWithoutNestedIsUd(VmxExitReason reason)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel);
        int before = Unreachable.Hits;
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Vmx(reason), ref counters));
        Assert.Equal(before, Unreachable.Hits);
        // One exit from the guest, one entry back with the #UD.
        Assert.Equal(1, counters.L1ToL0Exits);
        Assert.Equal(1, counters.L0ToL1Entries);
    }

    [Theory]
    [InlineData(0x480u)] // IA32_VMX_BASIC
    [InlineData(0x48Bu)] // IA32_VMX_PROCBASED_CTLS2
    [InlineData(0x48Cu)] // IA32_VMX_EPT_VPID_CAP
    [InlineData(0x491u)] // IA32_VMX_VMFUNC
    public void AVmxCapabilityMsrOfAGuestWithoutNestedIsNotHandledSoGp(uint msr)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.MsrRead, operand: msr), ref counters));
    }

    [Theory]
    [InlineData(0x47Fu)]
    [InlineData(0x492u)]
    public void MsrsBesideTheVmxCapabilityRangeAreOrdinaryMsrs(uint msr)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.MsrRead, operand: msr), ref counters));
    }

    [Fact]
    public void SettingCr4VmxeWithoutNestedIsGpAndOtherCr4BitsAreTaken()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel);
        ulong movToCr4 = CrAccessQualification.Create(4, CrAccessType.MovToCr).Raw;
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(new ExitInfo { Code = (ushort)VmxExitReason.CrAccess, Qualification = movToCr4,
            Operand = GuestVcpu.Cr4Vmxe | 0x20 }, ref counters));
        Assert.Equal(0UL, vcpu.Cr4);
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(new ExitInfo { Code = (ushort)VmxExitReason.CrAccess, Qualification = movToCr4,
            Operand = 0x20 }, ref counters));
        Assert.Equal(0x20UL, vcpu.Cr4);
    }

    [Theory]
    [InlineData(0x3F8, ExitAction.ExitToUserspace)] // a device-model port
    [InlineData(0x60, ExitAction.Resume)]           // a port KVM emulates
    public void PortIoGoesWhereL0sHandlerSends(ushort port, ExitAction expected)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel);
        var counters = default(PathCounters);

        Assert.Equal(expected, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.IoInstruction, VmxIoQualification.Create(port, 1, isIn: true).Raw), ref counters));
    }
#endif

#if AMD_SVM
    [Theory]
    [InlineData(SvmExitCode.Vmrun)]
    [InlineData(SvmExitCode.Vmload)]
    [InlineData(SvmExitCode.Vmsave)]
    [InlineData(SvmExitCode.Stgi)]
    [InlineData(SvmExitCode.Clgi)]
    [InlineData(SvmExitCode.Skinit)]
    [InlineData(SvmExitCode.Invlpga)]
    public void EverySvmInstructionOfAGuestWithoutNestedIsUd(SvmExitCode code)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd);
        int before = Unreachable.Hits;
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Svm(code, operand: 0x1000), ref counters));
        Assert.Equal(before, Unreachable.Hits);
    }

    [Fact]
    public void SettingEferSvmeWithoutNestedIsGp()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd);
        const ulong lmeLma = (1UL << 8) | (1UL << 10);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Msr, 1, GuestVcpu.EferSvme | lmeLma, GuestVcpu.EferMsr), ref counters));
        Assert.Equal(0UL, vcpu.Efer);
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Msr, 1, lmeLma, GuestVcpu.EferMsr), ref counters));
        Assert.Equal(lmeLma, vcpu.Efer);
    }

    [Fact]
    public void AnSvmGuestHasNoNestedCapabilityMsrs()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd);
        var counters = default(PathCounters);

        // 0x480 means nothing on AMD: an ordinary MSR for L0's handler.
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Msr, 0, operand: 0x480), ref counters));
    }
#endif

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void InterruptsAndExceptionsGoToTheGuestOutsideGuestMode(CpuVendor vendor)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(vendor);

        Assert.Equal(ExitAction.Resume, vcpu.DeliverInterrupt(0x30));
        Assert.Equal(ExitAction.Resume, vcpu.InjectException(14));
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void HandlingAnExitAllocatesNothing(CpuVendor vendor)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(vendor);
        ExitInfo[] exits = L0ExitMix.Create(vendor, 256, seed: 7);
        var counters = default(PathCounters);
        int Run()
        {
            int sum = 0;
            foreach (ExitInfo exit in exits)
                sum += (int)vcpu.HandleExit(exit, ref counters);
            return sum;
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Run();
        Assert.Equal(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
