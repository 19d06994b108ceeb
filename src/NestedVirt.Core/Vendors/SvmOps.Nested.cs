using Iced.Intel;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.L0;
using NestedVirt.Nested;
using NestedVirt.Paging;
using NestedVirt.Reflection;
using NestedVirt.Relay;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Vendors;

// Nested SVM (KVM svm/nested.c, Xen nestedsvm.o): compiled only with EnableNested and EnableSvm.
internal readonly partial struct SvmOps
{
    /// <inheritdoc/>
    public static bool IsDirectHypercallGateOpen(NestedTopology topology) =>
        DirectHypercallGate.IsSvmGateOpen(topology.Svm!, topology.Memory);

    /// <inheritdoc/>
    public static ExitInfo HypercallExit(NestedTopology topology, in HypercallRegisters regs, ulong operand) => new()
    {
        Code = (ulong)SvmExitCode.Vmmcall,
        // APM 2 15.7.1: nRIP is saved only on hosts with NRIPS; VMMCALL is 3 bytes.
        NextRip = topology.Options.Nrips ? regs.Rip + 3 : 0,
        Operand = operand,
    };

    /// <inheritdoc/>
    public static ExitRoute Route(NestedTopology topology, in ExitInfo exit, in L0ExitContext l0, ref PathCounters counters) =>
        SvmExitRouter.Route(exit, l0, topology.Svm!, topology.Memory, topology.Options.VmmcallPolicy, ref counters);

    /// <inheritdoc/>
    public static bool ReflectExit(NestedTopology topology, in ExitInfo exit, in HypercallRegisters regs, ref PathCounters counters)
    {
        NestedSvmState svm = topology.Svm!;
        svm.L2.Rip = regs.Rip;
        svm.L2.Rax = regs.Rax;
        return SvmReflection.ReflectExit(svm, topology.Memory, exit, ref counters) == SvmTransitionStatus.InL1;
    }

    /// <inheritdoc/>
    public static void RunL1Handler(NestedTopology topology, in L1HandlerCost handler, ref PathCounters counters) =>
        SvmReflection.RunL1Handler(topology.Svm!, topology.Memory, handler, ref counters);

    /// <inheritdoc/>
    public static bool ResumeL2(NestedTopology topology, in HypercallRegisters regs, ref PathCounters counters)
    {
        NestedSvmState svm = topology.Svm!;
        // L1's own stores into the vmcb12 it VMRUNs: the guest's RIP and RAX live in the save area.
        topology.Memory.TryWriteUInt64(svm.Vmcb12Gpa + VmcbLayout.SaveRip, regs.Rip);
        topology.Memory.TryWriteUInt64(svm.Vmcb12Gpa + VmcbLayout.SaveRax, regs.Rax);
        return SvmReflection.EmulateVmrun(svm, topology.Memory, ref counters) == SvmTransitionStatus.Resumed;
    }

    /// <inheritdoc/>
    public static InstructionFetchStatus LearnInstructionLength(NestedTopology topology, ref HypercallRegisters regs,
        ref PathCounters counters, out WalkResult fault)
    {
        if (topology.Options.Nrips)
        {
            fault = default;
            return InstructionFetchStatus.Decoded;
        }

        // Without NRIPS, KVM's svm_skip_emulated_instruction decodes the instruction at L2's RIP.
        InstructionFetchStatus fetch = topology.Decoder.TryDecode<NptFormat>(topology.L2Paging, topology.NestedPaging, regs.Rip,
            regs.Cpl == 3, topology.Caches, out Instruction instruction, out fault, out int entries);
        counters.Walks++;
        counters.GuestEntriesRead += entries;
        if (fetch == InstructionFetchStatus.Decoded)
            regs.InstructionLength = (byte)instruction.Length;
        return fetch;
    }

    /// <inheritdoc/>
    public static bool ReflectFetchFault(NestedTopology topology, in WalkResult fault, ulong rip, ref PathCounters counters)
    {
        // KVM nested_svm_inject_npf_exit (N-07): #VMEXIT(NPF) with the walk's error code and
        // faulting GPA. L1's NPF handler is modelled as touching nothing before its VMRUN.
        NestedSvmState svm = topology.Svm!;
        svm.L2.Rip = rip;
        ExitInfo npf = ExitInfo.Svm(SvmExitCode.Npf, fault.FaultCode, fault.Address);
        return SvmReflection.ReflectAndResume(svm, topology.Memory, npf, default, ref counters) == SvmTransitionStatus.Resumed;
    }

    /// <inheritdoc/>
    public static void TranslateInput(NestedTopology topology, ref HypercallContext call, ref PathCounters counters) =>
        NestedHypercallRelay.TranslateInput<NptFormat>(ref call, topology.Memory, topology.NestedPaging, topology.Caches, ref counters);

    /// <inheritdoc/>
    public static WalkResult WalkL1Tables(NestedTopology topology, ulong l2Gpa, AccessIntent intent) =>
        PageWalker.Walk<NptFormat>(topology.Memory, topology.NestedPaging, l2Gpa, intent);

    /// <inheritdoc/>
    public static NestedPageFaultResult HapWalkL1P2m(GuestVcpu vcpu, ulong l2Gpa)
    {
        // W-21: "user|present" reads through L1's table; the nested TLB answers repeats.
        WalkResult walk = NestedTranslation.Translate<NptFormat>(vcpu.Vm.Memory, PagingConfig.Npt(vcpu.Svm!.Control.NestedCr3, 4), l2Gpa, AccessIntent.Read,
            vcpu.NestedCaches);
        return walk.Status switch
        {
            WalkStatus.Translated => NestedPageFaultResult.Done,
            // N-04a: a table outside L1's memory is L1's error (Xen's nested walker's answer).
            WalkStatus.TableOutsideMemory => NestedPageFaultResult.L1Error,
            _ => NestedPageFaultResult.Inject,
        };
    }
}
