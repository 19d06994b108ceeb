using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>
/// B-03, B-10..B-12 in a build with nested code: a nested VM is created only when the host and
/// the module agree, and refused with -EINVAL in Xen's order otherwise; PHYSCAP bit 10 follows
/// <c>hvm_nested_virt_supported()</c> exactly.
/// </summary>
public sealed class NestedDomainCreationTests
{
    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void ANestedVmIsCreatedAndItsVcpuGetsNestedState(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(0, host.CreateVm(DomainConfig.NestedHvm, out GuestVm? vm, out _));
        Assert.True(vm!.NestedEnabled);
        Assert.Equal(0, vm.CreateVcpu(out GuestVcpu? vcpu));
#if INTEL_VMX
        Assert.Equal(vendor == CpuVendor.Intel, vcpu!.Vmx is not null);
#endif
#if AMD_SVM
        Assert.Equal(vendor == CpuVendor.Amd, vcpu!.Svm is not null);
#endif
        Assert.Equal(PhysicalCapabilities.Hvm | PhysicalCapabilities.Hap | PhysicalCapabilities.NestedHvm, host.PhysicalCapabilities);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B11_NestedWithoutHapIsEinval(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(new DomainConfig(DomainCreateFlags.Hvm | DomainCreateFlags.NestedVirt), out _, out string? log));
        Assert.Equal("Nested virt not supported without HAP", log);
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B11_NestedWithAltp2mIsEinval(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.NestedHvm with { Altp2m = true }, out _, out string? log));
        Assert.Equal("Nested virt and altp2m are not supported together", log);
        // altp2m alone is fine.
        Assert.Equal(0, host.CreateVm(DomainConfig.Hvm with { Altp2m = true }, out _, out _));
    }

#if AMD_SVM
    public static TheoryData<string, HostHardware> MissingSvmFeatures() => new()
    {
        { "LBR virtualisation", HostHardware.Amd with { SvmLbrVirtualization = false } },
        { "NRIP save", HostHardware.Amd with { SvmNextRipSave = false } },
        { "flush by ASID", HostHardware.Amd with { SvmFlushByAsid = false } },
        { "decode assists", HostHardware.Amd with { SvmDecodeAssists = false } },
    };

    [Theory]
    [MemberData(nameof(MissingSvmFeatures))]
    public void B03_AnSvmHostMissingAStartNestedSvmFeatureOffersNoNesting(string missing, HostHardware hardware)
    {
        var host = new L0Hypervisor(hardware);

        Assert.False(host.NestedVirtSupported, missing);
        Assert.Equal(PhysicalCapabilities.Hvm | PhysicalCapabilities.Hap, host.PhysicalCapabilities);
        Assert.Equal(-LinuxErrno.EINVAL, host.CreateVm(DomainConfig.NestedHvm, out _, out string? log));
        Assert.Equal("Nested virt requested but not available", log);
    }
#endif

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void B03_NoHapMeansNoNestingWhateverTheVendor(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor) with { Hap = false });

        Assert.False(host.NestedVirtSupported);
        Assert.Equal(0u, (uint)(host.PhysicalCapabilities & PhysicalCapabilities.NestedHvm));
    }

    [Theory]
    [MemberData(nameof(L0Stack.Vendors), MemberType = typeof(L0Stack))]
    public void TheSupportedCpuidAdvertisesTheVendorsExtension(CpuVendor vendor)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));

        Assert.Equal(vendor == CpuVendor.Intel ? L0Hypervisor.CpuidVmxBit : 0, host.SupportedCpuidEcx(1));
        Assert.Equal(vendor == CpuVendor.Amd ? L0Hypervisor.CpuidSvmBit : 0, host.SupportedCpuidEcx(0x8000_0001));
    }
}
