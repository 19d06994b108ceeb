using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Paging;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Tests.Topology;

/// <summary>
/// SVM without NRIPS: when L0 cannot fetch the VMMCALL to learn its length, the fault goes where
/// the emulator would send it (a guest-stage fault to L2 as #PF, a nested-stage fault to L1 as
/// #VMEXIT(NPF), an undecodable instruction to L2 as #UD), never a stuck vCPU.
/// </summary>
public class SvmFetchFaultTests
{
    private static NestedTopology Stack() =>
        NestedTopology.Create(new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = Topology.Stack.PostBit, Nrips = false });

    private static (L2HypercallResult Result, PathCounters Counters, HypercallRegisters Before, HypercallRegisters After) Call(
        NestedTopology stack, ulong rip)
    {
        HypercallRegisters regs = Topology.Stack.InitiateContact(stack);
        regs.Rip = rip;
        HypercallRegisters before = regs;
        var counters = default(PathCounters);
        L2HypercallResult result = stack.HandleL2Hypercall(ref regs, ref counters);
        return (result, counters, before, regs);
    }

    [Fact]
    public void GuestStageFetchFaultIsPageFaultInL2AndTheCallIsRetried()
    {
        NestedTopology stack = Stack();

        // One page past the hypercall page: not mapped in L2's own tables.
        var (result, counters, before, after) = Call(stack, TopologyLayout.L2HypercallPageVa + 0x1000);

        Assert.Equal(L2HypercallPath.FetchFault, result.Path);
        Assert.Equal(before.Rip, after.Rip);
        Assert.Equal(before.Rax, after.Rax);
        // The exit and the entry back into L2 that delivers #PF; L1 never runs.
        Assert.Equal(1, counters.L2ToL0Exits);
        Assert.Equal(1, counters.L0ToL2Entries);
        Assert.Equal(0, counters.L0ToL1Entries);
        Assert.False(stack.VmBus.IsConnected);
    }

    [Fact]
    public void NestedStageFetchFaultIsNpfExitToL1ThenL2Resumes()
    {
        NestedTopology stack = Stack();
        // Point the hypercall page's guest PTE at an L2 GPA that L1's NPT does not map.
        var state = default(WalkState);
        WalkResult walk = TwoDimensionalWalker.Walk<NptFormat>(stack.Memory, stack.L2Paging, stack.NestedPaging,
            TopologyLayout.L2HypercallPageVa, AccessIntent.Fetch, ref state);
        Assert.True(walk.IsTranslated);
        ulong pteAddress = state.EntryAddress[0];
        stack.Memory.TryReadUInt64(pteAddress, out ulong pte);
        stack.Memory.TryWriteUInt64(pteAddress, (pte & ~0x000F_FFFF_FFFF_F000UL) | TopologyLayout.L2MemorySize);

        var (result, counters, before, after) = Call(stack, TopologyLayout.L2HypercallPageVa);

        Assert.Equal(L2HypercallPath.FetchFault, result.Path);
        Assert.Equal(before.Rip, after.Rip);
        // L2->L0 exit, L0->L1 entry for the #VMEXIT(NPF), L1's VMRUN exit, L0->L2 entry.
        Assert.Equal(4, counters.Transitions);
        Assert.Equal(1, counters.L0ToL1Entries);
        Assert.True(stack.Svm!.GuestMode);
        Assert.False(stack.VmBus.IsConnected);
    }

    [Fact]
    public void UndecodableInstructionIsUndefinedOpcodeInL2()
    {
        NestedTopology stack = Stack();
        // 0x06 (PUSH ES) does not exist in 64-bit mode.
        stack.Memory.TryGetSpan(TopologyLayout.L2HypercallPageGpa + TopologyLayout.L2ToL1Offset, 1, out Span<byte> code);
        code[0] = 0x06;

        var (result, counters, before, after) = Call(stack, TopologyLayout.L2HypercallPageVa);

        Assert.Equal(L2HypercallPath.UndefinedOpcode, result.Path);
        Assert.Equal(HypercallOutcome.InjectUd, result.Outcome);
        Assert.Equal(before.Rip, after.Rip);
        Assert.Equal(2, counters.Transitions);
    }
}
