using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>The top-level VMX rules of model 01 §3.1, one test per rule id.</summary>
public sealed class VmxRoutingRuleTests
{
    // RCX of a nested HvPostMessage: bit 31 (HV_HYPERCALL_NESTED) and call code 0x005C.
    private const ulong NestedPost = 0x8000_005C;

    private static ExitRoute Route(in ExitInfo exit, in L0ExitContext l0, NestedVmxState state, GuestMemory memory)
    {
        var counters = new PathCounters();
        return VmxExitRouter.Route(exit, l0, state, memory, ref counters);
    }

    [Fact]
    public void D01_LateEntryFailureIsReflectedWhateverTheExit()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        // EXTERNAL_INTERRUPT is L0's by D-02; a late VMFail still goes down the nested exit path first.
        var l0 = new L0ExitContext(L0ExitFlags.EntryFailed);

        Assert.Equal(ExitRoute.ReflectEntryFailureToL1, Route(ExitInfo.Vmx(VmxExitReason.ExternalInterrupt), l0, state, memory));
        Assert.Equal(ExitRoute.ReflectEntryFailureToL1, Route(ExitInfo.Vmx(VmxExitReason.Hlt), l0, state, memory));
    }

    [Fact]
    public void D02_L0TrumpsL1()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PinControls = PinBasedControls.ExternalInterruptExiting;
        var exit = ExitInfo.Vmx(VmxExitReason.ExternalInterrupt);
        var counters = new PathCounters();

        Assert.True(VmxExitRouter.L1WantsExit(exit, state, memory, ref counters));
        Assert.True(VmxExitRouter.L0WantsExit(exit, default));
        Assert.Equal(ExitRoute.HandleInL0, Route(exit, default, state, memory));
    }

    [Fact]
    public void D03_ExitL1DoesNotWantIsHandledInL0()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        var exit = ExitInfo.Vmx(VmxExitReason.Hlt);
        var counters = new PathCounters();

        Assert.False(VmxExitRouter.L0WantsExit(exit, default));
        Assert.False(VmxExitRouter.L1WantsExit(exit, state, memory, ref counters));
        Assert.Equal(ExitRoute.HandleInL0NotInterceptedByL1, Route(exit, default, state, memory));
    }

    [Fact]
    public void D04_ExitL1WantsAndL0DoesNotIsReflected()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PrimaryControls = PrimaryProcessorControls.HltExiting;

        Assert.Equal(ExitRoute.ReflectToL1, Route(ExitInfo.Vmx(VmxExitReason.Hlt), default, state, memory));
    }

    [Fact]
    public void L0WantsExitDefaultsToFalseAndL1WantsExitToTrueForAnUnknownReason()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        // 35 is a gap in the table of model 01 §1.1 ("unknown", not "reserved").
        var exit = new ExitInfo { Code = 35 };
        var counters = new PathCounters();

        Assert.False(VmxExitRouter.L0WantsExit(exit, default));
        Assert.True(VmxExitRouter.L1WantsExit(exit, state, memory, ref counters));
        Assert.Equal(ExitRoute.ReflectToL1, Route(exit, default, state, memory));
    }

    [Fact]
    public void DispatchUsesOnlyTheBasicReasonBits()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        // Bus lock detected (bit 26) and enclave mode (bit 27) on an EPT violation: still L0's.
        var exit = new ExitInfo { Code = (ushort)VmxExitReason.EptViolation | VmxExitReasonField.BusLockDetectedBit | VmxExitReasonField.EnclaveModeBit };

        Assert.Equal(ExitRoute.HandleInL0, Route(exit, default, state, memory));
    }

    [Fact]
    public void D05_RelayKeepsVmcallInL0InL0sOwnStep()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        var vmcall = ExitInfo.Vmx(VmxExitReason.Vmcall, operand: NestedPost);
        var relay = new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x005C, relayMask: NestedHypervRelayMask.PostMessage);

        // L1 wants every VMCALL (3.3), so without the relay this exit is reflected.
        Assert.Equal(ExitRoute.ReflectToL1, Route(vmcall, new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x005C), state, memory));
        Assert.True(VmxExitRouter.L0WantsExit(vmcall, relay));
        Assert.Equal(ExitRoute.HandleInL0ByRelay, Route(vmcall, relay, state, memory));
    }

    [Fact]
    public void D05_RelayTestBelongsToTheVmcallRowOnly()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PrimaryControls = PrimaryProcessorControls.HltExiting;
        var relay = new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x005C, relayMask: NestedHypervRelayMask.All);

        // The same operand on a HLT exit: the conjunct "reason == VMCALL" fails, L1 gets it.
        Assert.Equal(ExitRoute.ReflectToL1, Route(ExitInfo.Vmx(VmxExitReason.Hlt, operand: NestedPost), relay, state, memory));
    }

    [Fact]
    public void D05_LateEntryFailureStillComesBeforeTheRelay()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        var l0 = new L0ExitContext(L0ExitFlags.EntryFailed | L0ExitFlags.L2DirectHypercallGateOpen, 0x005C,
            relayMask: NestedHypervRelayMask.PostMessage);

        Assert.Equal(ExitRoute.ReflectEntryFailureToL1, Route(ExitInfo.Vmx(VmxExitReason.Vmcall, operand: NestedPost), l0, state, memory));
    }

    [Fact]
    public void RoutingOutsideGuestModeIsApiMisuse()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.GuestMode = false;

        Assert.Throws<InvalidOperationException>(() => Route(ExitInfo.Vmx(VmxExitReason.Hlt), default, state, memory));
    }
}
