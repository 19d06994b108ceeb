using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Nested;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.Relay;

/// <summary>
/// R-06 with D-13: an SVM relay returns HOST from exit_special and must be exempt from the #UD that
/// 2026 KVM injects for a VMMCALL L1 does not intercept. The stacks here have an L1 whose vmcb12
/// leaves VMMCALL unintercepted, the case where the exemption matters.
/// </summary>
public class SvmRelayTests
{
    [Fact]
    public void R06_RelayedVmmcallIsNotUdUnder2026Policy()
    {
        NestedTopology stack = Build(Stack.PostBit, SvmVmmcallPolicy.Upstream2026InjectUd, gate: true);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(ExitRoute.HandleInL0ByRelay, result.Route);
        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.Equal(HvStatus.Success, result.Status);
        Assert.True(stack.VmBus.IsConnected);
    }

    [Fact]
    public void R06_UnrelayedVmmcallL1DoesNotInterceptIsUdUnder2026Policy()
    {
        NestedTopology stack = Build(mask: 0, SvmVmmcallPolicy.Upstream2026InjectUd, gate: true);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        HypercallRegisters before = regs;
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        // D-13: the exit happens (VMMCALL is always intercepted in vmcb02) and L0 injects #UD.
        Assert.Equal(ExitRoute.InjectUdIntoL2, result.Route);
        Assert.Equal(L2HypercallPath.UndefinedOpcode, result.Path);
        Assert.Equal(before.Rip, regs.Rip);
        Assert.Equal(before.Rax, regs.Rax);
        Assert.Equal(2, counters.Transitions);
        Assert.Equal(0, Stack.HostMessages(stack));
    }

    [Fact]
    public void R06_Pre2026PolicyGivesUdWithoutAnExit()
    {
        // Before the change vmcb02 intercepted VMMCALL only if L1 did or G-02 was open: with
        // neither, the CPU raised #UD inside L2 and L0 never saw the instruction.
        NestedTopology stack = Build(Stack.PostBit, SvmVmmcallPolicy.Pre2026ClearIntercept, gate: false);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        HypercallRegisters before = regs;
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(ExitRoute.UdInL2WithoutExit, result.Route);
        Assert.Equal(L2HypercallPath.UndefinedOpcode, result.Path);
        Assert.Equal(0, counters.Transitions);
        Assert.Equal(before.Rip, regs.Rip);
        Assert.Equal(before.Rcx, regs.Rcx);
    }

    [Fact]
    public void R06_Pre2026PolicyWithTheGateOpenStillRelays()
    {
        NestedTopology stack = Build(Stack.PostBit, SvmVmmcallPolicy.Pre2026ClearIntercept, gate: true);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(L2HypercallPath.Relayed, result.Path);
        Assert.True(stack.VmBus.IsConnected);
    }

    [Fact]
    public void R06_Pre2026PolicyRunsAnUnrelayedCallAsL0sOwnHypercall()
    {
        // Gate open, relay off, L1 not intercepting: the old code ran the VMMCALL as an ordinary
        // hypercall in L0, where KVM's reserved mask still covers bit 31 (H-01, H-13).
        NestedTopology stack = Build(mask: 0, SvmVmmcallPolicy.Pre2026ClearIntercept, gate: true);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);

        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(ExitRoute.HandleInL0NotInterceptedByL1, result.Route);
        Assert.Equal(L2HypercallPath.HandledInL0, result.Path);
        Assert.Equal(HvStatus.InvalidHypercallInput, result.Status);
    }

    private static NestedTopology Build(ulong mask, SvmVmmcallPolicy policy, bool gate)
    {
        var stack = NestedTopology.Create(new TopologyOptions
        {
            Vendor = CpuVendor.Amd, RelayMask = mask, VmmcallPolicy = policy, DirectHypercallGate = gate,
        });
        // L1 drops its VMMCALL intercept, in its vmcb12 and in L0's cached copy of it.
        stack.Svm!.Control.SetIntercept(SvmInterceptBit.Vmmcall, on: false);
        Assert.True(stack.Memory.TryWriteUInt32(TopologyLayout.Vmcb12Gpa + VmcbLayout.InterceptMisc2,
            1u << ((int)SvmInterceptBit.Vmrun - 128)));
        Assert.False(stack.Svm.Control.IsIntercepted(SvmInterceptBit.Vmmcall));
        return stack;
    }
}
