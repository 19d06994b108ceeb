using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>
/// the relayed call's input GPA is an L2 GPA; L0 translates it through L1's EPT (VMX) or
/// NPT (SVM) before the VMBus host reads it. Each test plants a different message at the
/// untranslated address (the L2 GPA taken as an L1 GPA), so the version the host grants shows
/// which of the two it read.
/// </summary>
public class RelayTranslationTests
{
    private const uint DecoyVersion = VmBusVersion.Win10V5_2;

    public static TheoryData<CpuVendor, ulong> Offsets()
    {
        var data = new TheoryData<CpuVendor, ulong>();
        foreach (CpuVendor vendor in Stack.Compiled)
        {
            data.Add(vendor, 0x000);
            data.Add(vendor, 0x100);
            data.Add(vendor, 0xF00);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void R03_TheHostReadsAtL2GpaPlusL1sOffset(CpuVendor vendor, ulong pageOffset)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        ulong l2Gpa = TopologyLayout.L2MessagePageGpa + pageOffset;
        // L1's EPT/NPT maps L2 GPA x to x + 8 MiB (TopologyLayout), page offset included.
        Stack.WriteContactAt(stack, l2Gpa + 0x80_0000, VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        Stack.WriteContactAt(stack, l2Gpa, VmBusConstants.MessageConnectionId4, DecoyVersion);
        HypercallRegisters regs = Stack.Regs(stack, Stack.NestedPost, l2Gpa);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HvStatus.Success, result.Status);
        Assert.Equal(VmBusVersion.Win10V5, stack.VmBus.NegotiatedVersion);
        Assert.Equal(1, counters.Walks);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R03_L1OnShadowPagingIsNotTranslated(CpuVendor vendor)
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = vendor, RelayMask = Stack.PostBit, L1UsesNestedPaging = false });
        Stack.WriteContactAt(stack, Stack.MessageL1Gpa, VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        Stack.WriteContactAt(stack, Stack.UntranslatedL1Gpa, VmBusConstants.MessageConnectionId4, DecoyVersion);
        HypercallRegisters regs = Stack.Regs(stack, Stack.NestedPost);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        // with shadow paging in L1 the L2 address is taken as an L1 GPA as it stands.
        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(DecoyVersion, stack.VmBus.NegotiatedVersion);
        Assert.Equal(0, counters.Walks);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R03_AGpaPastL1sTableIsInvalidHypercallInput(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        Stack.WriteContactAt(stack, Stack.FirstUnmappedL2Gpa, VmBusConstants.MessageConnectionId4, DecoyVersion);
        HypercallRegisters regs = Stack.Regs(stack, Stack.NestedPost, Stack.FirstUnmappedL2Gpa);

        AssertInvalidInputWithoutReachingTheHost(stack, ref regs);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R03_AGpaWhoseLeafL1ClearedIsInvalidHypercallInput(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        var regs = Stack.InitiateContact(stack);
        Stack.WriteContactAt(stack, Stack.UntranslatedL1Gpa, VmBusConstants.MessageConnectionId4, DecoyVersion);
        Stack.UnmapInL1Table(stack, TopologyLayout.L2MessagePageGpa);

        AssertInvalidInputWithoutReachingTheHost(stack, ref regs);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R03_FastSignalEventNeedsNoTranslation(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.SignalBit);
        Assert.Equal(0, stack.Eventfds.Ioctl(KvmHypervEventfd.Assign(VmBusConstants.EventConnectionId, fd: 0)));
        ulong input = HypercallInput.Create(HvCallCode.SignalEvent, fast: true, nested: true).Value;
        // Fast HvSignalEvent: RDX is the input itself (connection id, flag number 0), not a GPA.
        HypercallRegisters regs = Stack.Regs(stack, input, VmBusConstants.EventConnectionId);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HvStatus.Success, result.Status);
        Assert.Equal(0, counters.Walks);
        Assert.Equal(1, stack.Eventfds.GetSignalCount(0));
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R03_SlowSignalEventReadsItsInputThroughL1sTable(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.SignalBit);
        Assert.Equal(0, stack.Eventfds.Ioctl(KvmHypervEventfd.Assign(VmBusConstants.EventConnectionId, fd: 0)));
        stack.WriteSignalEvent(VmBusConstants.EventConnectionId);
        // An unassigned connection at the untranslated address: reading it would not signal fd 0.
        Assert.True(stack.Memory.TryWriteUInt64(Stack.UntranslatedL1Gpa, 0x2A));
        HypercallRegisters regs = Stack.Regs(stack, Stack.NestedSignal);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HvStatus.Success, result.Status);
        Assert.Equal(HypercallOutcome.CompletedInKernel, result.Outcome);
        Assert.Equal(1, counters.Walks);
        Assert.Equal(1, stack.Eventfds.GetSignalCount(0));
    }

    private static void AssertInvalidInputWithoutReachingTheHost(NestedTopology stack, ref HypercallRegisters regs)
    {
        ulong rip = regs.Rip;
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HvStatus.InvalidHypercallInput, result.Status);
        Assert.Equal((ulong)HvStatus.InvalidHypercallInput, regs.Rax);
        Assert.Equal(rip + 3, regs.Rip);
        Assert.Equal(1, counters.Walks);
        Assert.Equal(0, counters.UserspaceRoundTrips);
        Assert.Equal(0, Stack.HostMessages(stack));
        Assert.False(stack.VmBus.IsConnected);
    }
}
