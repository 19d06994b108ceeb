using NestedVirt.Harness.Kvm;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class HostInfoTests
{
    [Fact]
    public void HypervisorFlagMarksAVirtualMachineWithoutVmxOrSvm()
    {
        const string cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 hypervisor lahf_lm\n\nprocessor\t: 1\n";
        var host = HostInfo.Parse(cpuinfo);
        Assert.True(host.IsVirtualMachine);
        Assert.Equal("none", host.CpuVirtualization);
        Assert.Equal("AMD EPYC", host.CpuModel);
    }

    [Theory]
    [InlineData("flags : fpu vmx sse2", "vmx", false)]
    [InlineData("flags : fpu svm sse2 hypervisor", "svm", true)]
    [InlineData("model name : X", "unknown", false)]
    public void VirtualizationFlagIsReadFromTheFlagsLine(string cpuinfo, string virtualization, bool isVm)
    {
        var host = HostInfo.Parse(cpuinfo);
        Assert.Equal(virtualization, host.CpuVirtualization);
        Assert.Equal(isVm, host.IsVirtualMachine);
    }
}
