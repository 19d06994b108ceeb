using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>
/// What every build refuses or accepts at VM creation (Xen <c>sanitise_domain_config</c>): the
/// refusals that do not depend on nested virtualization.
/// </summary>
public sealed class DomainCreationTests
{
    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void AnHvmGuestOnHapIsCreatedWithoutNestedVirtualization(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(0, host.CreateVm(DomainConfig.Hvm, out GuestVm? vm, out string? log));
        Assert.Null(log);
        Assert.False(vm!.NestedEnabled);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void UnknownCreateFlagsAreEinval(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(new DomainConfig(DomainCreateFlags.Hvm | (DomainCreateFlags)(1u << 8)), out GuestVm? vm, out string? log));
        Assert.Null(vm);
        Assert.Equal("Unknown CDF flags", log);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void HapOnAHostWithoutItIsEinval(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor) with { Hap = false });

        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.Hvm, out _, out string? log));
        Assert.Equal("HAP requested but not available", log);
        Assert.Equal(PhysicalCapabilities.Hvm, host.PhysicalCapabilities);
    }

    [Fact]
    public void TheNestedFlagIsBit6()
    {
        // xen/include/public/domctl.h: _XEN_DOMCTL_CDF_nested_virt 6; hvm 0, hap 1.
        Assert.Equal(0x40u, (uint)DomainCreateFlags.NestedVirt);
        Assert.Equal(1u, (uint)DomainCreateFlags.Hvm);
        Assert.Equal(2u, (uint)DomainCreateFlags.Hap);
    }

#if !INTEL_VMX
    [Fact]
    public void AnIntelHostOfAnSvmOnlyBuildOffersNoHvm()
    {
        // hvm_enabled is false when the host vendor's code is not built: no HVM guest at all.
        var host = new L0Hypervisor(HostHardware.Intel);

        Assert.Equal(PhysicalCapabilities.None, host.PhysicalCapabilities);
        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.Hvm, out _, out string? log));
        Assert.Equal("HVM requested but not available", log);
    }
#endif

#if !AMD_SVM
    [Fact]
    public void AnAmdHostOfAVmxOnlyBuildOffersNoHvm()
    {
        var host = new L0Hypervisor(HostHardware.Amd);

        Assert.Equal(PhysicalCapabilities.None, host.PhysicalCapabilities);
        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.Hvm, out _, out string? log));
        Assert.Equal("HVM requested but not available", log);
    }
#endif
}
