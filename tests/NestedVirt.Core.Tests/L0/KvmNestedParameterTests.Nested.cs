using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>
/// The KVM analogue, B-30..B-32: nested code built in, the module loaded with <c>nested=0</c>.
/// The VMX/SVM bit leaves the supported CPUID, a nested VM is refused, VMX instructions and VMRUN
/// are #UD, KVM_SET_NESTED_STATE refuses anything but the empty state, the relay capability is
/// refused; KVM_CHECK_EXTENSION(KVM_CAP_NESTED_STATE) still answers the size (the hooks exist).
/// </summary>
public sealed class KvmNestedParameterTests
{
    private static L0Hypervisor Host(CpuVendor vendor) => new(HostHardware.For(vendor), L0ModuleParameters.NestedOff);

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B31_TheSupportedCpuidHidesVmxAndSvm(CpuVendor vendor)
    {
        L0Hypervisor host = Host(vendor);

        Assert.Equal(0u, host.SupportedCpuidEcx(1));
        Assert.Equal(0u, host.SupportedCpuidEcx(0x8000_0001));
        Assert.Equal(PhysicalCapabilities.Hvm | PhysicalCapabilities.Hap, host.PhysicalCapabilities);
        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.NestedHvm, out _, out _));
    }

#if INTEL_VMX
    [Fact]
    public void B31_VmxonIsUdEvenWithCr4VmxeForced()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Intel, parameters: L0ModuleParameters.NestedOff);
        vcpu.Cr4 = GuestVcpu.Cr4Vmxe;
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.Vmxon), ref counters));
        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(ExitInfo.Vmx(VmxExitReason.MsrRead, operand: 0x480), ref counters));
    }
#endif

#if AMD_SVM
    [Fact]
    public void B31_VmrunIsUdAndSvmeCannotBeSet()
    {
        GuestVcpu vcpu = L0Stack.Vcpu(CpuVendor.Amd, parameters: L0ModuleParameters.NestedOff);
        var counters = default(PathCounters);

        Assert.Equal(ExitAction.InjectGp, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Msr, 1, GuestVcpu.EferSvme, GuestVcpu.EferMsr), ref counters));
        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Vmrun, operand: 0x1000), ref counters));
        Assert.Equal(ExitAction.InjectUd, vcpu.HandleExit(ExitInfo.Svm(SvmExitCode.Stgi), ref counters));
    }
#endif

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B32_NestedStateCannotBeSetButTheEmptyStateCan(CpuVendor vendor)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(vendor, parameters: L0ModuleParameters.NestedOff);
        bool vmx = vendor == CpuVendor.Intel;
        ushort format = vmx ? KvmNestedState.FormatVmx : KvmNestedState.FormatSvm;

        Assert.Equal(-LinuxErrno.EINVAL, vcpu.SetNestedState(vmx ? KvmNestedState.VmxOn(0x1000) : KvmNestedState.Svm(true)));
        Assert.Equal(0, vcpu.SetNestedState(KvmNestedState.None(format)));
        // The other vendor's format is refused first.
        Assert.Equal(-LinuxErrno.EINVAL, vcpu.SetNestedState(KvmNestedState.None(vmx ? KvmNestedState.FormatSvm : KvmNestedState.FormatVmx)));
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B32_CheckExtensionNestedStateStillAnswersTheSize(CpuVendor vendor)
    {
        // vmx_get_nested_state / svm_get_nested_state answer a NULL vCPU before anything else.
        int expected = vendor == CpuVendor.Intel ? 128 + 2 * 4096 : 128 + 4096;

        Assert.Equal(expected, Host(vendor).CheckExtension(KvmCap.NestedState));
        Assert.Equal(expected, new L0Hypervisor(HostHardware.For(vendor)).CheckExtension(KvmCap.NestedState));
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void TheRelayCapabilityIsRefused(CpuVendor vendor)
    {
        GuestVm vm = L0Stack.Vcpu(vendor, parameters: L0ModuleParameters.NestedOff).Vm;

        Assert.Equal(-LinuxErrno.EINVAL, vm.Capabilities.EnableCap(KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, 1)));
        Assert.Equal(0, vm.Capabilities.CheckExtension(KvmCap.NestedHypervHcallRelay));
        // With nested=1 the same VM would take it.
        GuestVm on = L0Stack.Vcpu(vendor).Vm;
        Assert.Equal(0, on.Capabilities.EnableCap(KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, 1)));
    }
}
