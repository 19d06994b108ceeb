using NestedVirt.Kvm;

namespace NestedVirt.Tests.Kvm;

public class KvmVmCapabilitiesTests
{
    private readonly KvmVmCapabilities vm = new();

    private static KvmEnableCap Relay(ulong mask, uint flags = 0) => KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, mask, flags);

    [Theory]
    [InlineData(1UL, NestedHypervRelayMask.PostMessage)]
    [InlineData(2UL, NestedHypervRelayMask.SignalEvent)]
    [InlineData(3UL, NestedHypervRelayMask.PostMessage | NestedHypervRelayMask.SignalEvent)]
    public void R01_EnableStoresTheMask(ulong arg0, NestedHypervRelayMask expected)
    {
        Assert.Equal(0, vm.EnableCap(Relay(arg0)));
        Assert.Equal(expected, vm.RelayMask);
    }

    [Fact]
    public void R01_ZeroTurnsTheRelayOff()
    {
        Assert.Equal(0, vm.EnableCap(Relay(3)));
        Assert.Equal(0, vm.EnableCap(Relay(0)));
        Assert.Equal(NestedHypervRelayMask.None, vm.RelayMask);
    }

    [Theory]
    [InlineData(4UL)]
    [InlineData(7UL)]
    [InlineData(1UL << 63)]
    public void C03_UnknownMaskBitIsEinvalAndKeepsTheOldMask(ulong arg0)
    {
        Assert.Equal(0, vm.EnableCap(Relay(1)));
        Assert.Equal(-LinuxErrno.EINVAL, vm.EnableCap(Relay(arg0)));
        Assert.Equal(NestedHypervRelayMask.PostMessage, vm.RelayMask);
    }

    [Fact]
    public void C02_NonZeroFlagsAreEinvalBeforeTheCapabilityIsLookedAt()
    {
        Assert.Equal(-LinuxErrno.EINVAL, vm.EnableCap(Relay(1, flags: 1)));
        Assert.Equal(NestedHypervRelayMask.None, vm.RelayMask);
    }

    [Theory]
    [InlineData(KvmCap.NestedHypervHcallRelayRfcPlaceholder)]
    [InlineData(KvmCap.HypervEventfd)]
    [InlineData(12345u)]
    public void C02_UnknownCapabilityIsEinval(uint cap)
    {
        Assert.Equal(-LinuxErrno.EINVAL, vm.EnableCap(KvmEnableCap.Create(cap, 1)));
    }

    [Fact]
    public void C04_CheckExtensionReturnsTheSupportedMaskByConvention()
    {
        Assert.Equal(3, vm.CheckExtension(KvmCap.NestedHypervHcallRelay));
        Assert.Equal(1, vm.CheckExtension(KvmCap.HypervEventfd));
        Assert.Equal(0, vm.CheckExtension(KvmCap.NestedHypervHcallRelayRfcPlaceholder));
    }

    [Fact]
    public void R01_ThePatchAnswersTheProbeWithZeroYetEnables()
    {
        var patch = new KvmVmCapabilities(checkBehavior: RelayCheckExtensionBehavior.PatchReturnsZero);

        Assert.Equal(0, patch.CheckExtension(KvmCap.NestedHypervHcallRelay));
        Assert.Equal(0, patch.EnableCap(Relay(3)));
        Assert.Equal(NestedHypervRelayMask.All, patch.RelayMask);
    }

    [Fact]
    public void R01_AnUnpatchedKernelRefusesAndProbesZero()
    {
        var stock = new KvmVmCapabilities(relaySupported: false);

        Assert.Equal(-LinuxErrno.EINVAL, stock.EnableCap(Relay(1)));
        Assert.Equal(0, stock.CheckExtension(KvmCap.NestedHypervHcallRelay));
    }

    [Fact]
    public void R01_TheRelayNumberIsConfiguration()
    {
        var rfc = new KvmVmCapabilities(relayCapability: KvmCap.NestedHypervHcallRelayRfcPlaceholder);

        Assert.Equal(0, rfc.EnableCap(KvmEnableCap.Create(249, 2)));
        Assert.Equal(-LinuxErrno.EINVAL, rfc.EnableCap(Relay(2)));
        Assert.Equal(NestedHypervRelayMask.SignalEvent, rfc.RelayMask);
    }
}
