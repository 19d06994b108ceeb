using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.Nested;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>
/// The nested hooks with nested code built in, for a VM created with the nested flag: what the
/// stubs replace. The guest-mode tests use a <see cref="NestedTopology"/>'s vCPU, which runs L2.
/// </summary>
public sealed class NestedVcpuTests
{
#if INTEL_VMX
    [Fact]
    public void VmxonNeedsCr4VmxeThenTheOtherInstructionsNeedVmxOperation()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel, DomainConfig.NestedHvm);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmptrld), ref counters));
        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmxon), ref counters));
        ulong movToCr4 = CrAccessQualification.Create(4, CrAccessType.MovToCr).Raw;
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(new ExitInfo { Code = (ushort)VmxExitReason.CrAccess, Qualification = movToCr4,
            Operand = GuestVcpu.Cr4Vmxe }, ref counters));
        vcpu.Cpl = 3;
        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmxon), ref counters));
        vcpu.Cpl = 0;
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmxon), ref counters));
        Assert.True(vcpu.Vmx!.VmxOn);
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmptrld), ref counters));
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmxoff), ref counters));
        Assert.False(vcpu.Vmx.VmxOn);
    }

    [Fact]
    public void ANestedVmReadsItsVmxCapabilityMsrs()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel, DomainConfig.NestedHvm);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.MsrRead, operand: 0x480), ref counters));
        Assert.True(NestedVmx.MsrReadIntercept(vcpu, 0x480, out ulong basic));
        Assert.Equal(0x11E5_7ED0UL, basic);
    }

    [Fact]
    public void AnL2ExitL1InterceptsIsReflectedThroughTheGenericHandler()
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = CpuVendor.Intel });
        stack.Vmx!.Vmcs12.PrimaryControls |= PrimaryProcessorControls.HltExiting;
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.ReflectToL1, stack.Vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Hlt), ref counters));
        Assert.False(stack.Vmx.GuestMode);
        Assert.Equal(1, counters.L2ToL0Exits);
        Assert.Equal(1, counters.L0ToL1Entries);
    }

    [Fact]
    public void AnL2EptViolationWalksL1sEptAndResumesL2WhenItMaps()
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = CpuVendor.Intel });
        var counters = default(PathCounters);

        // L1's EPT maps L2 GPAs [0, 4 MiB): nestedhvm_hap_nested_page_fault says DONE.
        Assert.Equal(ExitAction.Resume, stack.Vcpu.HandleExit(new ExitInfo { Code = (ushort)VmxExitReason.EptViolation,
            GuestPhysicalAddress = TopologyLayout.L2MessagePageGpa }, ref counters));
        // Beyond them L1's table faults: INJECT, the fault goes to L1.
        Assert.Equal(ExitAction.ReflectToL1, stack.Vcpu.HandleExit(new ExitInfo { Code = (ushort)VmxExitReason.EptViolation,
            GuestPhysicalAddress = TopologyLayout.L2MemorySize + 0x1000 }, ref counters));
        Assert.True(stack.Vmx!.GuestMode);
        Assert.Equal(2, counters.L2ToL0Exits);
        Assert.Equal(1, counters.L0ToL2Entries);
    }
#endif

#if AMD_SVM
    [Fact]
    public void VmrunNeedsSvmeAndAMappableVmcbAndStgiClgiMoveGif()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd, DomainConfig.NestedHvm);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Vmrun, operand: 0x1000), ref counters));
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Msr, 1, GuestVcpu.EferSvme, GuestVcpu.EferMsr), ref counters));
        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Vmrun, operand: 0x1008), ref counters));
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Vmrun, operand: 0x1000), ref counters));
        Assert.Equal(0x1000UL, vcpu.Svm!.Vmcb12Gpa);
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Clgi), ref counters));
        Assert.False(vcpu.Svm.Gif);
        Assert.Equal(ExitAction.Resume, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Stgi), ref counters));
        Assert.True(vcpu.Svm.Gif);
    }

    [Fact]
    public void AnInterruptWhileL2RunsExitsToL1OnlyWhenVmcb12InterceptsIt()
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = CpuVendor.Amd });

        Assert.Equal(ExitAction.Resume, stack.Vcpu.DeliverInterrupt(0x30));
        stack.Svm!.Control.SetIntercept(SvmInterceptBit.Intr);
        Assert.Equal(ExitAction.ReflectToL1, stack.Vcpu.DeliverInterrupt(0x30));
        stack.Svm.Gif = false;
        Assert.Equal(ExitAction.Resume, stack.Vcpu.DeliverInterrupt(0x30));
    }
#endif

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void InitLeavesGuestModeAndTeardownFreesTheNestedState(CpuVendor vendor)
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = vendor });
        Assert.True(NestedHvm.InGuestMode(stack.Vcpu));

        stack.Vcpu.Reset();
        Assert.False(NestedHvm.InGuestMode(stack.Vcpu));
        stack.Vcpu.Destroy();
#if INTEL_VMX
        Assert.Null(stack.Vcpu.Vmx);
#endif
#if AMD_SVM
        Assert.Null(stack.Vcpu.Svm);
#endif
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void AMemoryMapChangeFlushesTheNestedTlbOfANestedVmOnly(CpuVendor vendor)
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = vendor });
        GuestVcpu plain = L0Stack.Vcpu(vendor);

        stack.Vm.MemoryMapChanged(stack.Vcpu);
        plain.Vm.MemoryMapChanged(plain);

        Assert.Equal(1, stack.Vcpu.NestedTlbFlushes);
        Assert.Equal(0, plain.NestedTlbFlushes);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B32_ANestedVmAcceptsNestedState(CpuVendor vendor)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(vendor, DomainConfig.NestedHvm);
        bool vmx = vendor == CpuVendor.Intel;

        if (vmx)
        {
            // Guest mode without VMX operation is not a state (vmx_set_nested_state).
            Assert.Equal(-LinuxErrno.EINVAL, vcpu.SetNestedState(new KvmNestedState(KvmNestedState.GuestModeFlag, KvmNestedState.FormatVmx)));
            Assert.Equal(0, vcpu.SetNestedState(KvmNestedState.VmxOn(0x1000, guestMode: true)));
        }
        else
        {
            // Guest mode needs EFER.SVME (svm_set_nested_state).
            Assert.Equal(-LinuxErrno.EINVAL, vcpu.SetNestedState(KvmNestedState.Svm(guestMode: true)));
            vcpu.Efer = GuestVcpu.EferSvme;
            Assert.Equal(0, vcpu.SetNestedState(KvmNestedState.Svm(guestMode: true)));
        }
        Assert.True(NestedHvm.InGuestMode(vcpu));
    }
}
