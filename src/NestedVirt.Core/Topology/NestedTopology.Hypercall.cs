using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Nested;
using NestedVirt.Paging;
using NestedVirt.Reflection;
using NestedVirt.Relay;
using NestedVirt.Userspace;
using NestedVirt.Vendors;
using NestedVirt.X86;

namespace NestedVirt.Topology;

public sealed partial class NestedTopology
{
    // What L1's handler touches for a reflected VMCALL/VMMCALL: it reads the exit reason (or
    // EXITCODE), the instruction length (or nRIP) and the guest RIP, and writes the guest RIP
    // back past the instruction; the status goes to RAX (in memory on VMX, in the VMCB on SVM).
    private const int L1HandlerReads = 3;
    private const int L1HandlerWrites = 1;

    /// <summary>
    /// Handles one hypercall instruction executed by L2, from the hardware exit to L2 running
    /// again, on whichever path the configuration dictates: relayed by L0 (R-02..R-06), handled
    /// in L0, or reflected to L1 (D-04 / nested #VMEXIT), L1's policy, and L1's VMRESUME/VMRUN.
    /// </summary>
    /// <param name="regs">L2's registers: the status lands in RAX and RIP moves past the instruction.</param>
    /// <param name="counters">Every event of the path is added here.</param>
    public L2HypercallResult HandleL2Hypercall(ref HypercallRegisters regs, ref PathCounters counters)
    {
#if INTEL_VMX && AMD_SVM
        return Options.Vendor == CpuVendor.Intel
            ? HandleL2Exit<VmxOps>(ref regs, ref counters)
            : HandleL2Exit<SvmOps>(ref regs, ref counters);
#elif INTEL_VMX
        return HandleL2Exit<VmxOps>(ref regs, ref counters);
#else
        return HandleL2Exit<SvmOps>(ref regs, ref counters);
#endif
    }

    /// <summary>
    /// One L2 exit, written once for both vendors in the shape of KVM's exit handler: L0's routing
    /// (which contains the relay's decision, D-05 / R-06), the hardware exit counted once routing
    /// says it happened, then reflection to L1 or L0's own completion.
    /// </summary>
    private L2HypercallResult HandleL2Exit<TOps>(ref HypercallRegisters regs, ref PathCounters counters)
        where TOps : struct, IVendorOps
    {
        bool gateOpen = TOps.IsDirectHypercallGateOpen(this);
        ulong operand = NestedHypercallRelay.InputOperand(regs, Options.Corrections);
        ExitInfo exitInfo = TOps.HypercallExit(this, regs, operand);
        var context = new L0ExitContext(Flags(gateOpen, regs.Cpl), CallCode(regs), 0, Capabilities.RelayMask, Options.Corrections);
        ExitRoute route = TOps.Route(this, exitInfo, context, ref counters);

        // Pre-2026 SVM without the VMMCALL intercept: the CPU raised #UD inside L2, no exit at all.
        if (route == ExitRoute.UdInL2WithoutExit)
            return new L2HypercallResult(L2HypercallPath.UndefinedOpcode, route, HvStatus.Success, HypercallOutcome.InjectUd);
        counters.L2ToL0Exits++;

        switch (route)
        {
            case ExitRoute.InjectUdIntoL2:
                counters.L0ToL2Entries++;
                return new L2HypercallResult(L2HypercallPath.UndefinedOpcode, route, HvStatus.Success, HypercallOutcome.InjectUd);
            case ExitRoute.ReflectToL1:
            {
                if (!TOps.ReflectExit(this, exitInfo, regs, ref counters))
                    return new L2HypercallResult(L2HypercallPath.Failed, route, HvStatus.Success, HypercallOutcome.NotHyperV);
                HvStatus status = RunL1Policy<TOps>(ref regs, ref counters, out HypercallOutcome outcome);
                TOps.RunL1Handler(this, L1Cost(), ref counters);
                if (!TOps.ResumeL2(this, regs, ref counters))
                    return new L2HypercallResult(L2HypercallPath.Failed, route, status, outcome);
                return new L2HypercallResult(ReflectedPath(outcome), route, status, outcome);
            }
            default:
                if (route == ExitRoute.HandleInL0ByRelay)
                    NestedHypercallRelay.ClearNestedBit(ref regs, Options.Corrections);
                InstructionFetchStatus fetch = TOps.LearnInstructionLength(this, ref regs, ref counters, out WalkResult fault);
                if (fetch != InstructionFetchStatus.Decoded)
                    return FetchFailed<TOps>(regs.Rip, fetch, fault, route, ref counters);
                return HandleInL0<TOps>(ref regs, route, ref counters);
        }
    }

    /// <summary>
    /// L0 completes the call with L2 current (model 01 §3.4): KVM's Hyper-V handler, the relay's
    /// input translation between its two stages, the userspace round trip for a post
    /// (H-17, R-04), then the entry back into L2.
    /// </summary>
    private L2HypercallResult HandleInL0<TOps>(ref HypercallRegisters regs, ExitRoute route, ref PathCounters counters)
        where TOps : struct, IVendorOps
    {
        var path = route == ExitRoute.HandleInL0ByRelay ? L2HypercallPath.Relayed : L2HypercallPath.HandledInL0;
        counters.L0ToL2Entries++;
        if (!Handler.TryBegin(regs, l2Vcpu, out HypercallContext call, out HypercallOutcome outcome))
        {
            var failed = outcome == HypercallOutcome.InjectUd ? L2HypercallPath.UndefinedOpcode : L2HypercallPath.Failed;
            return new L2HypercallResult(failed, route, HvStatus.Success, outcome);
        }

        // only with the capability on and L2 on L1's EPT/NPT; shadow paging needs nothing.
        if (Capabilities.RelayMask != NestedHypervRelayMask.None && Options.L1UsesNestedPaging)
            TOps.TranslateInput(this, ref call, ref counters);

        outcome = Handler.Finish(ref call, ref regs, l2Vcpu, ref exit, ref counters, out HvStatus status);
        if (outcome == HypercallOutcome.ExitToUserspace)
            outcome = UserspaceRoundTrip.Run(Handler, ref vmBus, ref regs, l2Vcpu, ref exit, ref counters, out status);
        return new L2HypercallResult(path, route, status, outcome);
    }

    /// <summary>L1's handler for the reflected call, per <see cref="TopologyOptions.L1Policy"/>.</summary>
    private HvStatus RunL1Policy<TOps>(ref HypercallRegisters regs, ref PathCounters counters, out HypercallOutcome outcome)
        where TOps : struct, IVendorOps
    {
        // H-10 applied by L1: Hyper-V is L2's hypervisor and, like KVM, answers a hypercall from
        // CPL > 0 or real mode with #UD before looking at the call (TLFS "Legal Hypercall
        // Environments"): no status, RIP not advanced, nothing forwarded.
        if (regs.Cpl != 0 || !regs.ProtectedMode)
        {
            outcome = HypercallOutcome.InjectUd;
            return HvStatus.Success;
        }

        HvStatus status;
        if (Options.L1Policy == L1Policy.ForwardsToL0)
        {
            // L1 translates the input through its own tables (its work, not L0's: uncounted) and
            // issues the same call as its own hypercall: one L1→L0 exit, KVM's handler with L1
            // current (no translation, no nested bit), the userspace round trip, back into L1.
            var input = new HypercallInput(regs.InputValue).WithNestedCleared();
            WalkResult own = TOps.WalkL1Tables(this, regs.InputParameter, AccessIntent.Read);
            var l1Regs = HypercallRegisters.LongMode64(input.Value, own.IsTranslated ? own.Address : ulong.MaxValue,
                regs.OutputParameter, TopologyLayout.L1HypercallPageGpa);
            l1Regs.InstructionLength = 3;
            counters.L1ToL0Exits++;
            outcome = Handler.Handle(ref l1Regs, l1Vcpu, ref exit, ref counters, out status);
            if (outcome == HypercallOutcome.ExitToUserspace)
                outcome = UserspaceRoundTrip.Run(Handler, ref vmBus, ref l1Regs, l1Vcpu, ref exit, ref counters, out status);
            counters.L0ToL1Entries++;
        }
        else
        {
            status = HvStatus.InvalidConnectionId;
            outcome = HypercallOutcome.NotHyperV;
        }

        regs.WriteResult(HypercallResult.Create(status, 0).Value);
        regs.SkipInstruction();
        return status;
    }

    private static L2HypercallPath ReflectedPath(HypercallOutcome outcome) =>
        outcome == HypercallOutcome.InjectUd ? L2HypercallPath.UndefinedOpcode : L2HypercallPath.Reflected;

    private L1HandlerCost L1Cost() => new()
    {
        VmReads = L1HandlerReads,
        VmWrites = L1HandlerWrites,
        UnshadowedVmReads = L1HandlerReads,
        UnshadowedVmWrites = L1HandlerWrites,
#if INTEL_VMX
        DirtiedEvmcsGroups = Options.L1LeavesCleanFields ? EvmcsCleanFields.None : EvmcsCleanFields.All,
#endif
#if AMD_SVM
        DirtiedVmcbGroups = Options.L1LeavesCleanFields ? VmcbCleanBits.None : VmcbCleanBits.All,
#endif
    };

    /// <summary>
    /// What the emulator does when it cannot skip the instruction: an undecodable one is #UD in L2;
    /// a guest-stage fetch fault is #PF in L2; a nested-stage one is #VMEXIT(NPF) to L1 with the
    /// walk's error code and faulting GPA (KVM <c>nested_svm_inject_npf_exit</c>, N-07).
    /// </summary>
    private L2HypercallResult FetchFailed<TOps>(ulong rip, InstructionFetchStatus fetch, in WalkResult fault, ExitRoute route,
        ref PathCounters counters)
        where TOps : struct, IVendorOps
    {
        if (fetch == InstructionFetchStatus.InvalidInstruction)
        {
            counters.L0ToL2Entries++;
            return new L2HypercallResult(L2HypercallPath.UndefinedOpcode, route, HvStatus.Success, HypercallOutcome.InjectUd);
        }
        if (fault.Stage == FaultStage.Nested)
        {
            if (!TOps.ReflectFetchFault(this, fault, rip, ref counters))
                return new L2HypercallResult(L2HypercallPath.Failed, route, HvStatus.Success, HypercallOutcome.NotHyperV);
        }
        else
        {
            counters.L0ToL2Entries++;
        }
        return new L2HypercallResult(L2HypercallPath.FetchFault, route, HvStatus.Success, HypercallOutcome.NotHyperV);
    }

    private static L0ExitFlags Flags(bool gateOpen, byte cpl)
    {
        var flags = L0ExitFlags.HvDirectFlushCpuid;
        if (gateOpen) flags |= L0ExitFlags.L2DirectHypercallGateOpen;
        if (cpl != 0) flags |= L0ExitFlags.CallerNotAtCpl0;
        return flags;
    }

    private static ushort CallCode(in HypercallRegisters regs) => (ushort)regs.InputValue;
}
