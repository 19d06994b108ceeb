using NestedVirt.Counters;
using NestedVirt.Kvm;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>R-01 seen from the whole stack: the mask userspace passes decides whether the relay exists at all.</summary>
public class RelayCapabilityTests
{
    [Theory]
    [InlineData(0x4UL)]                    // bit 2: the first bit the relay does not define
    [InlineData(0x7UL)]                    // both known bits plus an unknown one: refused as a whole
    [InlineData(0x8000_0000_0000_0001UL)]  // bit 63 with PostMessage
    public void R01_UnknownMaskBitsAreEinvalAndLeaveTheRelayOff(ulong mask)
    {
        NestedTopology stack = Stack.Build(Stack.AnyVendor, mask);
        var regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(-22, stack.EnableCapResult);
        Assert.Equal(NestedHypervRelayMask.None, stack.Capabilities.RelayMask);
        Assert.Equal(L2HypercallPath.Reflected, result.Path);
        Assert.Equal(0, Stack.HostMessages(stack));
    }

    [Fact]
    public void R01_MaskZeroIsOff()
    {
        NestedTopology stack = Stack.Build(Stack.AnyVendor, 0);
        var regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(0, stack.EnableCapResult);
        Assert.Equal(NestedHypervRelayMask.None, stack.Capabilities.RelayMask);
        Assert.Equal(L2HypercallPath.Reflected, result.Path);
    }

    [Theory]
    [InlineData(0x1UL, NestedHypervRelayMask.PostMessage)]
    [InlineData(0x2UL, NestedHypervRelayMask.SignalEvent)]
    [InlineData(0x3UL, NestedHypervRelayMask.PostMessage | NestedHypervRelayMask.SignalEvent)]
    public void R01_KnownMaskBitsAreStoredPerVm(ulong mask, NestedHypervRelayMask stored)
    {
        NestedTopology stack = Stack.Build(Stack.Compiled[^1], mask);

        Assert.Equal(0, stack.EnableCapResult);
        Assert.Equal(stored, stack.Capabilities.RelayMask);
    }
}
