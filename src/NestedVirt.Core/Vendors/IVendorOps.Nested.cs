using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.L0;
using NestedVirt.Paging;
using NestedVirt.Reflection;
using NestedVirt.Topology;
using NestedVirt.X86;

namespace NestedVirt.Vendors;

// The vendor half of one L2 exit handled by L0, in the order NestedTopology's generic path calls
// it: gate, exit fields, routing, then reflection to L1 and back, or L0's own completion.
internal partial interface IVendorOps
{
    /// <summary>G-01 (VMX, eVMCS and VP assist page) or G-02 (SVM, vmcb12 and VP assist page).</summary>
    static abstract bool IsDirectHypercallGateOpen(NestedTopology topology);

    /// <summary>
    /// The exit fields a hypercall instruction leaves: VMCALL with the VM-exit instruction length
    /// (VMX), VMMCALL with nRIP when the host has NRIPS (SVM).
    /// </summary>
    static abstract ExitInfo HypercallExit(NestedTopology topology, in HypercallRegisters regs, ulong operand);

    /// <summary>L0's routing decision for an exit from L2 (model 01 §3 for VMX, §5 for SVM).</summary>
    static abstract ExitRoute Route(NestedTopology topology, in ExitInfo exit, in L0ExitContext l0, ref PathCounters counters);

    /// <summary>
    /// The nested VM exit / #VMEXIT for <paramref name="exit"/>, after saving L2's RIP (and RAX
    /// on SVM, which keeps it in the VMCB). True when L1 runs.
    /// </summary>
    static abstract bool ReflectExit(NestedTopology topology, in ExitInfo exit, in HypercallRegisters regs, ref PathCounters counters);

    /// <summary>L1's exit handler, from its cost description.</summary>
    static abstract void RunL1Handler(NestedTopology topology, in L1HandlerCost handler, ref PathCounters counters);

    /// <summary>
    /// L1 writes L2's registers back (vmcs12 guest RIP; vmcb12 RIP and RAX) and executes
    /// VMRESUME / VMRUN. True when L2 runs again.
    /// </summary>
    static abstract bool ResumeL2(NestedTopology topology, in HypercallRegisters regs, ref PathCounters counters);

    /// <summary>
    /// Learns the hypercall instruction's length: VMX reports it in the exit, SVM with NRIPS in
    /// nRIP; SVM without NRIPS fetches and decodes it through the 2-D walk.
    /// </summary>
    static abstract InstructionFetchStatus LearnInstructionLength(NestedTopology topology, ref HypercallRegisters regs,
        ref PathCounters counters, out WalkResult fault);

    /// <summary>A nested-stage fault of that fetch, delivered to L1 (#VMEXIT(NPF)); true when L2 runs again.</summary>
    static abstract bool ReflectFetchFault(NestedTopology topology, in WalkResult fault, ulong rip, ref PathCounters counters);

    /// <summary>R-03: the relay's translation of the input GPA through L1's EPT or NPT.</summary>
    static abstract void TranslateInput(NestedTopology topology, ref HypercallContext call, ref PathCounters counters);

    /// <summary>A walk of L1's EPT or NPT for L2 GPA <paramref name="l2Gpa"/>, as L1 itself does it (not L0's work).</summary>
    static abstract WalkResult WalkL1Tables(NestedTopology topology, ulong l2Gpa, AccessIntent intent);

    /// <summary>
    /// W-21 <c>nhvm_hap_walk_L1_p2m</c>: an L2 GPA that faulted, through the vCPU's L1 EPT (vmcs12
    /// EPTP) or NPT (vmcb12 nCR3): DONE when L1 maps it, INJECT when L1's table faults.
    /// </summary>
    static abstract NestedPageFaultResult HapWalkL1P2m(GuestVcpu vcpu, ulong l2Gpa);
}
