using NestedVirt.L0;

namespace NestedVirt.Tests.L0;

/// <summary>The <c>XEN_SYSCTL_PHYSCAP_*</c> numbering (B-12), pinned to <c>xen/include/public/sysctl.h</c>.</summary>
public sealed class PhysicalCapabilitiesTests
{
    [Theory]
    [InlineData(PhysicalCapabilities.Hvm, 0)]
    [InlineData(PhysicalCapabilities.Pv, 1)]
    [InlineData(PhysicalCapabilities.DirectIo, 2)]
    [InlineData(PhysicalCapabilities.Hap, 3)]
    [InlineData(PhysicalCapabilities.Shadow, 4)]
    [InlineData(PhysicalCapabilities.IommuHapPtShare, 5)]
    [InlineData(PhysicalCapabilities.Vmtrace, 6)]
    [InlineData(PhysicalCapabilities.Vpmu, 7)]
    [InlineData(PhysicalCapabilities.GnttabV1, 8)]
    [InlineData(PhysicalCapabilities.GnttabV2, 9)]
    [InlineData(PhysicalCapabilities.NestedHvm, 10)]
    public void EachCapabilityIsItsSysctlBit(PhysicalCapabilities capability, int bit) =>
        Assert.Equal(1u << bit, (uint)capability);

    [Fact]
    public void NestedHvmIsTheNewMaximum()
    {
        uint max = 0;
        foreach (PhysicalCapabilities capability in Enum.GetValues<PhysicalCapabilities>())
            max = Math.Max(max, (uint)capability);
        Assert.Equal(0x400u, max);
    }
}
