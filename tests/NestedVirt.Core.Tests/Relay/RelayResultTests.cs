using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Relay;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>R-04: what L2 sees after a relayed call, and the RCX side effect model 02 §8 observes.</summary>
public class RelayResultTests
{
    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R04_SuccessLandsInL2sRaxAndRipMovesPastTheInstruction(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        ulong rip = regs.Rip;
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HypercallOutcome.CompletedFromUserspace, result.Outcome);
        Assert.Equal(0UL, regs.Rax); // HV_STATUS_SUCCESS, no reps: the whole result value is 0
        Assert.Equal(rip + 3, regs.Rip); // VMCALL 0F 01 C1 / VMMCALL 0F 01 D9: 3 bytes
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R04_TheHostsFailureStatusLandsInL2sRax(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        // Connection 0x2A has no port in the host: TLFS HvCallPostMessage, INVALID_CONNECTION_ID.
        stack.WriteInitiateContact(0x2A, VmBusVersion.Win10V5);
        HypercallRegisters regs = Stack.Regs(stack, Stack.NestedPost);
        ulong rip = regs.Rip;
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HvStatus.InvalidConnectionId, result.Status);
        Assert.Equal(0x12UL, regs.Rax);
        Assert.Equal(rip + 3, regs.Rip);
        Assert.Equal(1, counters.UserspaceRoundTrips);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void RelayClearsRcxBit31VisiblyToL2(CpuVendor vendor)
    {
        // Model 02 §8 observation: the TLFS says RCX changes only for rep calls, but the relay
        // writes RCX back without bit 31 and L2 resumes with that value.
        NestedTopology stack = Stack.Build(vendor, Stack.PostBit);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(0x5CUL, regs.Rcx);
        Assert.NotEqual(Stack.NestedPost, regs.Rcx);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void ReflectionLeavesRcxAsL2WroteIt(CpuVendor vendor)
    {
        NestedTopology stack = Stack.Build(vendor, 0);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(Stack.NestedPost, regs.Rcx);
        Assert.Equal(NestedHypercallRelay.NestedBit, regs.Rcx & NestedHypercallRelay.NestedBit);
    }
}
