using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0.Stubs;

/// <summary>
/// B-10..B-12 and B-20 (a), (b) for a build with nested virtualization compiled out, on a host
/// that has every nested precondition and a module loaded with nested=1: the build alone decides.
/// </summary>
public sealed class CompiledOutTests
{
    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B11_ANestedVmIsRefusedWithEinval(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor), L0ModuleParameters.Default);

        Assert.False(host.NestedVirtSupported);
        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.NestedHvm, out GuestVm? vm, out string? log));
        Assert.Null(vm);
        Assert.Equal("Nested virt requested but not available", log);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B12_PhyscapNestedhvmIsClearAndHvmHapRemain(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(PhysicalCapabilities.Hvm | PhysicalCapabilities.Hap, host.PhysicalCapabilities);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B10_NoVmIsNestedEnabledAndNoVcpuHasNestedState(CpuVendor vendor)
    {
        GuestVcpu vcpu = L0Stack.Vcpu(vendor);

        Assert.False(vcpu.Vm.NestedEnabled);
        Assert.False(NestedHvm.InGuestMode(vcpu));
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void TheSupportedCpuidHasNeitherVmxNorSvm(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(0u, host.SupportedCpuidEcx(1) & L0Hypervisor.CpuidVmxBit);
        Assert.Equal(0u, host.SupportedCpuidEcx(0x8000_0001) & L0Hypervisor.CpuidSvmBit);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void NoNestedStateHooksSoCheckExtensionAnswersZero(CpuVendor vendor) =>
        Assert.Equal(0, new L0Hypervisor(HostHardware.For(vendor)).CheckExtension(KvmCap.NestedState));

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void TheRelayCapabilityIsNotThere(CpuVendor vendor)
    {
        GuestVm vm = L0Stack.Vcpu(vendor).Vm;

        Assert.Equal(0, vm.Capabilities.CheckExtension(KvmCap.NestedHypervHcallRelay));
        Assert.Equal(-LinuxErrno.EINVAL, vm.Capabilities.EnableCap(KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, 1)));
        Assert.Equal(NestedHypervRelayMask.None, vm.Capabilities.RelayMask);
    }
}
