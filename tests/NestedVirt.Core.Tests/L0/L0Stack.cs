using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Tests.L0;

/// <summary>Builds a modelled L0, a VM and a vCPU for the L0 tests.</summary>
internal static class L0Stack
{
    /// <summary>The vendors compiled into this build, Intel first.</summary>
    public static IReadOnlyList<CpuVendor> Compiled { get; } =
        [.. new[] { CpuVendor.Intel, CpuVendor.Amd }.Where(NestedVirtBuild.Has)];

    /// <summary>The compiled vendors, for theories.</summary>
    public static TheoryData<CpuVendor> Vendors
    {
        get
        {
            var data = new TheoryData<CpuVendor>();
            foreach (CpuVendor vendor in Compiled)
                data.Add(vendor);
            return data;
        }
    }

    /// <summary>A vCPU of a VM created with <paramref name="config"/> (default: HVM on HAP, no nested flag).</summary>
    public static GuestVcpu Vcpu(CpuVendor vendor, DomainConfig? config = null, L0ModuleParameters? parameters = null)
    {
        var host = new L0Hypervisor(HostHardware.For(vendor), parameters);
        int rc = host.CreateVm(config ?? DomainConfig.Hvm, out GuestVm? vm, out string? log);
        Assert.True(rc == 0, $"CreateVm returned {rc}: {log}");
        Assert.Equal(0, vm!.CreateVcpu(out GuestVcpu? vcpu));
        return vcpu!;
    }
}
