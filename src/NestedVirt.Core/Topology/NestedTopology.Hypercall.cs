using Iced.Intel;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Nested;
using NestedVirt.Paging;
using NestedVirt.Reflection;
using NestedVirt.Relay;
using NestedVirt.Userspace;
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
    public L2HypercallResult HandleL2Hypercall(ref HypercallRegisters regs, ref PathCounters counters) =>
        Options.Vendor == CpuVendor.Intel ? HandleVmx(ref regs, ref counters) : HandleSvm(ref regs, ref counters);

    private L2HypercallResult HandleVmx(ref HypercallRegisters regs, ref PathCounters counters)
    {
        NestedVmxState vmx = Vmx!;
        counters.L2ToL0Exits++;
        bool gateOpen = DirectHypercallGate.IsVmxGateOpen(vmx, Memory);
        bool relay = NestedHypercallRelay.ShouldRelay(Capabilities.RelayMask, gateOpen, regs, Options.Corrections);
        if (relay)
            NestedHypercallRelay.ClearNestedBit(ref regs, Options.Corrections);

        var exitInfo = new ExitInfo
        {
            Code = (ushort)VmxExitReason.Vmcall,
            InstructionLength = regs.InstructionLength,
            NextRip = regs.Rip + regs.InstructionLength,
        };
        var context = new L0ExitContext(Flags(relay, gateOpen), CallCode(regs));
        ExitRoute route = VmxExitRouter.Route(exitInfo, context, vmx, Memory, ref counters);
        switch (route)
        {
            case ExitRoute.ReflectToL1:
            {
                vmx.L2.Rip = regs.Rip;
                if (VmxReflection.ReflectExit(vmx, Memory, exitInfo, ref counters) != VmxTransitionStatus.InL1)
                    return new L2HypercallResult(L2HypercallPath.Failed, route, HvStatus.Success, HypercallOutcome.NotHyperV);
                HvStatus status = RunL1Policy(ref regs, ref counters, out HypercallOutcome outcome);
                VmxReflection.RunL1Handler(vmx, Memory, L1Cost(), ref counters);
                vmx.Vmcs12.Guest.Rip = regs.Rip;
                if (VmxReflection.EmulateVmEntry(vmx, Memory, launch: false, ref counters) != VmxTransitionStatus.Resumed)
                    return new L2HypercallResult(L2HypercallPath.Failed, route, status, outcome);
                return new L2HypercallResult(ReflectedPath(outcome), route, status, outcome);
            }
            default:
                return HandleInL0(ref regs, route, ref counters);
        }
    }

    private L2HypercallResult HandleSvm(ref HypercallRegisters regs, ref PathCounters counters)
    {
        NestedSvmState svm = Svm!;
        counters.L2ToL0Exits++;
        bool gateOpen = DirectHypercallGate.IsSvmGateOpen(svm, Memory);
        // the SVM port decides at the exit-special point with G-02 as the gate.
        bool relay = NestedHypercallRelay.ShouldRelay(Capabilities.RelayMask, gateOpen, regs, Options.Corrections);
        if (relay)
            NestedHypercallRelay.ClearNestedBit(ref regs, Options.Corrections);

        var exitInfo = new ExitInfo
        {
            Code = (ulong)SvmExitCode.Vmmcall,
            NextRip = Options.Nrips ? regs.Rip + 3 : 0,
        };
        var context = new L0ExitContext(Flags(relay, gateOpen), CallCode(regs));
        ExitRoute route = SvmExitRouter.Route(exitInfo, context, svm, Memory, Options.VmmcallPolicy, ref counters);
        switch (route)
        {
            case ExitRoute.UdInL2WithoutExit:
                // Pre-2026 vmcb02 did not intercept VMMCALL: the CPU raised #UD inside L2, no exit.
                counters.L2ToL0Exits--;
                return new L2HypercallResult(L2HypercallPath.UndefinedOpcode, route, HvStatus.Success, HypercallOutcome.InjectUd);
            case ExitRoute.InjectUdIntoL2:
                counters.L0ToL2Entries++;
                return new L2HypercallResult(L2HypercallPath.UndefinedOpcode, route, HvStatus.Success, HypercallOutcome.InjectUd);
            case ExitRoute.ReflectToL1:
            {
                svm.L2.Rip = regs.Rip;
                svm.L2.Rax = regs.Rax;
                if (SvmReflection.ReflectExit(svm, Memory, exitInfo, ref counters) != SvmTransitionStatus.InL1)
                    return new L2HypercallResult(L2HypercallPath.Failed, route, HvStatus.Success, HypercallOutcome.NotHyperV);
                HvStatus status = RunL1Policy(ref regs, ref counters, out HypercallOutcome outcome);
                SvmReflection.RunL1Handler(svm, Memory, L1Cost(), ref counters);
                Memory.TryWriteUInt64(svm.Vmcb12Gpa + VmcbLayout.SaveRip, regs.Rip);
                Memory.TryWriteUInt64(svm.Vmcb12Gpa + VmcbLayout.SaveRax, regs.Rax);
                if (SvmReflection.EmulateVmrun(svm, Memory, ref counters) != SvmTransitionStatus.Resumed)
                    return new L2HypercallResult(L2HypercallPath.Failed, route, status, outcome);
                return new L2HypercallResult(ReflectedPath(outcome), route, status, outcome);
            }
            default:
                if (!Options.Nrips)
                {
                    InstructionFetchStatus fetch = LearnLength(ref regs, ref counters, out WalkResult fault);
                    if (fetch != InstructionFetchStatus.Decoded)
                        return FetchFailed(svm, regs.Rip, fetch, fault, route, ref counters);
                }
                return HandleInL0(ref regs, route, ref counters);
        }
    }

    /// <summary>
    /// L0 completes the call with L2 current (model 01 §3.4): KVM's Hyper-V handler, the relay's
    /// input translation between its two stages, the userspace round trip for a post
    /// (H-17, R-04), then the entry back into L2.
    /// </summary>
    private L2HypercallResult HandleInL0(ref HypercallRegisters regs, ExitRoute route, ref PathCounters counters)
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
        {
            if (Options.Vendor == CpuVendor.Intel)
                NestedHypercallRelay.TranslateInput<EptFormat>(ref call, Memory, NestedPaging, Caches, ref counters);
            else
                NestedHypercallRelay.TranslateInput<NptFormat>(ref call, Memory, NestedPaging, Caches, ref counters);
        }

        outcome = Handler.Finish(ref call, ref regs, l2Vcpu, ref exit, ref counters, out HvStatus status);
        if (outcome == HypercallOutcome.ExitToUserspace)
            outcome = UserspaceRoundTrip.Run(Handler, ref vmBus, ref regs, l2Vcpu, ref exit, ref counters, out status);
        return new L2HypercallResult(path, route, status, outcome);
    }

    /// <summary>L1's handler for the reflected call, per <see cref="TopologyOptions.L1Policy"/>.</summary>
    private HvStatus RunL1Policy(ref HypercallRegisters regs, ref PathCounters counters, out HypercallOutcome outcome)
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
            WalkResult own = Options.Vendor == CpuVendor.Intel
                ? PageWalker.Walk<EptFormat>(Memory, NestedPaging, regs.InputParameter, AccessIntent.Read)
                : PageWalker.Walk<NptFormat>(Memory, NestedPaging, regs.InputParameter, AccessIntent.Read);
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
        DirtiedEvmcsGroups = Options.L1LeavesCleanFields ? EvmcsCleanFields.None : EvmcsCleanFields.All,
        DirtiedVmcbGroups = Options.L1LeavesCleanFields ? VmcbCleanBits.None : VmcbCleanBits.All,
    };

    /// <summary>SVM without NRIPS: fetch and decode the instruction at L2's RIP through the 2-D walk.</summary>
    private InstructionFetchStatus LearnLength(ref HypercallRegisters regs, ref PathCounters counters, out WalkResult fault)
    {
        InstructionFetchStatus fetch = Decoder.TryDecode<NptFormat>(L2Paging, NestedPaging, regs.Rip, regs.Cpl == 3, Caches,
            out Instruction instruction, out fault, out int entries);
        counters.Walks++;
        counters.GuestEntriesRead += entries;
        if (fetch == InstructionFetchStatus.Decoded)
            regs.InstructionLength = (byte)instruction.Length;
        return fetch;
    }

    /// <summary>
    /// What the emulator does when it cannot skip the instruction: an undecodable one is #UD in L2;
    /// a guest-stage fetch fault is #PF in L2; a nested-stage one is #VMEXIT(NPF) to L1 with the
    /// walk's error code and faulting GPA (KVM <c>nested_svm_inject_npf_exit</c>, N-07).
    /// </summary>
    private L2HypercallResult FetchFailed(NestedSvmState svm, ulong rip, InstructionFetchStatus fetch, in WalkResult fault,
        ExitRoute route, ref PathCounters counters)
    {
        if (fetch == InstructionFetchStatus.InvalidInstruction)
        {
            counters.L0ToL2Entries++;
            return new L2HypercallResult(L2HypercallPath.UndefinedOpcode, route, HvStatus.Success, HypercallOutcome.InjectUd);
        }
        if (fault.Stage == FaultStage.Nested)
        {
            // L1's NPF handler is modelled as touching nothing before its VMRUN; L2 then retries.
            svm.L2.Rip = rip;
            ExitInfo npf = ExitInfo.Svm(SvmExitCode.Npf, fault.FaultCode, fault.Address);
            if (SvmReflection.ReflectAndResume(svm, Memory, npf, default, ref counters) != SvmTransitionStatus.Resumed)
                return new L2HypercallResult(L2HypercallPath.Failed, route, HvStatus.Success, HypercallOutcome.NotHyperV);
        }
        else
        {
            counters.L0ToL2Entries++;
        }
        return new L2HypercallResult(L2HypercallPath.FetchFault, route, HvStatus.Success, HypercallOutcome.NotHyperV);
    }

    private static L0ExitFlags Flags(bool relay, bool gateOpen)
    {
        var flags = L0ExitFlags.HvDirectFlushCpuid;
        if (relay) flags |= L0ExitFlags.RelayKeepsInL0;
        if (gateOpen) flags |= L0ExitFlags.L2DirectHypercallGateOpen;
        return flags;
    }

    private static ushort CallCode(in HypercallRegisters regs) => (ushort)regs.InputValue;
}
