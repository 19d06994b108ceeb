using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Relay;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>
/// The gaps model 02 §8 R-02 notes in the posted patch, modelled as posted by default and corrected
/// by <see cref="RelayCorrections"/>: each test runs the same L2 call both ways and asserts the
/// difference.
/// </summary>
public class RelayCorrectionsTests
{
    private const uint GpaLowLooksLikeNestedPost = 0x8000_005C;

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R02_AsPostedA32BitCallersNestedPostIsMissed(CpuVendor vendor)
    {
        // EAX holds the nested post; ECX holds the low half of the input GPA (0x300000, bit 31 clear).
        (L2HypercallResult result, HypercallRegisters regs, NestedTopology stack) =
            Run32(vendor, RelayCorrections.None, Stack.NestedPost, TopologyLayout.L2MessagePageGpa);

        Assert.Equal(ExitRoute.ReflectToL1, result.Route);
        Assert.False(stack.VmBus.IsConnected);
        Assert.Equal(0, Stack.HostMessages(stack));
        Assert.Equal(TopologyLayout.L2MessagePageGpa, regs.Rcx);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R02_CallerModeDecidesA32BitCallerFromEax(CpuVendor vendor)
    {
        (L2HypercallResult result, HypercallRegisters regs, NestedTopology stack) =
            Run32(vendor, RelayCorrections.CallerMode, Stack.NestedPost, TopologyLayout.L2MessagePageGpa);

        Assert.Equal(ExitRoute.HandleInL0ByRelay, result.Route);
        // SUCCESS, not H-13's INVALID_HYPERCALL_INPUT: the handler read EAX with bit 31 already cleared.
        Assert.Equal(HvStatus.Success, result.Status);
        Assert.True(stack.VmBus.IsConnected);
        Assert.Equal(TopologyLayout.L2MessagePageGpa, regs.Rcx);
        Assert.Equal(0UL, regs.Rax);
        Assert.Equal(0UL, regs.Rdx);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R02_AsPostedA32BitCallersGpaCanLookLikeANestedPost(CpuVendor vendor)
    {
        // A plain HvSignalEvent (EAX, no nested bit) whose input GPA's low half has bit 31 and 0x5C.
        ulong plainSignal = HypercallInput.Create(HvCallCode.SignalEvent).Value;

        (L2HypercallResult posted, HypercallRegisters postedRegs, _) =
            Run32(vendor, RelayCorrections.None, plainSignal, GpaLowLooksLikeNestedPost);
        (L2HypercallResult corrected, HypercallRegisters correctedRegs, _) =
            Run32(vendor, RelayCorrections.CallerMode, plainSignal, GpaLowLooksLikeNestedPost);

        // As posted: kept in L0 on the strength of ECX, and ECX (the caller's GPA) loses bit 31.
        Assert.Equal(ExitRoute.HandleInL0ByRelay, posted.Route);
        Assert.Equal(0x5CUL, postedRegs.Rcx);
        // Corrected: EAX has no nested bit, so the call goes to L1 and ECX is untouched.
        Assert.Equal(ExitRoute.ReflectToL1, corrected.Route);
        Assert.Equal(GpaLowLooksLikeNestedPost, correctedRegs.Rcx);
    }

    [Theory]
    [InlineData(RelayCorrections.None, 0x5CUL, 0x8000_005CUL)]
    [InlineData(RelayCorrections.CallerMode, 0x8000_005CUL, 0x5CUL)]
    public void R02_ClearNestedBitWritesWhereTheDecisionRead(RelayCorrections corrections, ulong rcx, ulong rax)
    {
        HypercallRegisters regs = Stack.Caller32(0x8000_005C, 0x8000_005C);

        NestedHypercallRelay.ClearNestedBit(ref regs, corrections);

        Assert.Equal(rcx, regs.Rcx);
        Assert.Equal(rax, regs.Rax);
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R02_AsPostedACpl3CallIsRelayedAndL0InjectsUd(CpuVendor vendor)
    {
        (L2HypercallResult result, HypercallRegisters regs, HypercallRegisters before, PathCounters counters, NestedTopology stack) =
            RunCpl3(vendor, RelayCorrections.None);

        // Relayed, then H-10 in L0's handler: #UD, no status, RIP not advanced...
        Assert.Equal(ExitRoute.HandleInL0ByRelay, result.Route);
        Assert.Equal(L2HypercallPath.UndefinedOpcode, result.Path);
        Assert.Equal(HypercallOutcome.InjectUd, result.Outcome);
        Assert.Equal(before.Rip, regs.Rip);
        Assert.Equal(before.Rax, regs.Rax);
        // ...but RCX has already lost bit 31, and L1 never heard of the call.
        Assert.Equal(before.Rcx & ~NestedHypercallRelay.NestedBit, regs.Rcx);
        Assert.Equal(0, counters.L0ToL1Entries);
        Assert.Equal(0, Stack.HostMessages(stack));
    }

    [Theory]
    [MemberData(nameof(Stack.Vendors), MemberType = typeof(Stack))]
    public void R02_RequireCpl0ReflectsACpl3CallToL1(CpuVendor vendor)
    {
        (L2HypercallResult result, HypercallRegisters regs, HypercallRegisters before, PathCounters counters, NestedTopology stack) =
            RunCpl3(vendor, RelayCorrections.RequireCpl0);

        // L1 gets the exit and, as the TLFS demands of a hypervisor ("Legal Hypercall
        // Environments"), answers a CPL 3 hypercall with #UD: no status, RIP not advanced.
        Assert.Equal(ExitRoute.ReflectToL1, result.Route);
        Assert.Equal(L2HypercallPath.UndefinedOpcode, result.Path);
        Assert.Equal(before.Rip, regs.Rip);
        Assert.Equal(before.Rax, regs.Rax);
        Assert.Equal(before.Rcx, regs.Rcx);
        Assert.Equal(1, counters.L0ToL1Entries);
        Assert.Equal(0, Stack.HostMessages(stack));
    }

    private static (L2HypercallResult, HypercallRegisters, NestedTopology) Run32(CpuVendor vendor, RelayCorrections corrections,
        ulong input, ulong inputGpa)
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = vendor, RelayMask = Stack.PostBit, Corrections = corrections });
        stack.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        HypercallRegisters regs = Stack.Caller32(input, inputGpa);
        Assert.False(regs.Is64BitCaller);
        var counters = default(PathCounters);
        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);
        return (result, regs, stack);
    }

    private static (L2HypercallResult, HypercallRegisters, HypercallRegisters, PathCounters, NestedTopology) RunCpl3(
        CpuVendor vendor, RelayCorrections corrections)
    {
        var stack = NestedTopology.Create(new TopologyOptions { Vendor = vendor, RelayMask = Stack.PostBit, Corrections = corrections });
        HypercallRegisters regs = Stack.InitiateContact(stack);
        regs.Cpl = 3;
        HypercallRegisters before = regs;
        var counters = default(PathCounters);
        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);
        return (result, regs, before, counters, stack);
    }
}
