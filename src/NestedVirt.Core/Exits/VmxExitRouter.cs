using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Exits;

/// <summary>
/// Decides where an exit from L2 goes on VMX, in the shape of KVM's <c>nested_vmx_reflect_vmexit</c>
/// (<c>arch/x86/kvm/vmx/nested.c</c>; model 01 §3): two switch predicates, <see cref="L0WantsExit"/>
/// (default false) that trumps <see cref="L1WantsExit"/> (default true).
/// </summary>
public static partial class VmxExitRouter
{
    /// <summary>
    /// Routes one exit (D-01..D-04 and the D-05 hook). The caller has already counted the hardware
    /// L2→L0 exit; this only adds the bitmap bytes it reads.
    /// </summary>
    /// <remarks>
    /// Relay hook (D-05, R-02): the RFC inserts its test after the late-VMFail check and before
    /// D-02. This router does not implement the relay decision (mask bits, gate, RCX bit 31, call
    /// codes 0x5C/0x5D); the relay component makes it before calling and, when it keeps the call in
    /// L0, clears RCX bit 31 and sets <see cref="L0ExitFlags.RelayKeepsInL0"/>. The flag is honoured
    /// only for VMCALL, since the RFC's test is conjunctive with reason == VMCALL; on any other exit
    /// it changes nothing.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static ExitRoute Route(in ExitInfo exit, in L0ExitContext l0, NestedVmxState state, GuestMemory memory, ref PathCounters counters)
    {
        if (!state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("VMX exits from L2 are routed only in guest mode");

        // D-01: a late VMFail shares the nested VM-exit path because L2's state is already loaded.
        if (l0.Has(L0ExitFlags.EntryFailed))
            return ExitRoute.ReflectEntryFailureToL1;

        // D-05 hook (RFC, not upstream): see remarks.
        if (l0.Has(L0ExitFlags.RelayKeepsInL0) && exit.VmxReason.Basic == (ushort)VmxExitReason.Vmcall)
            return ExitRoute.HandleInL0ByRelay;

        // D-02: L0 trumps L1.
        if (L0WantsExit(exit, l0))
            return ExitRoute.HandleInL0;

        // D-03.
        if (!L1WantsExit(exit, state, memory, ref counters))
            return ExitRoute.HandleInL0NotInterceptedByL1;

        // D-04: the caller reflects (interruption info, error code, qualification into vmcs12).
        return ExitRoute.ReflectToL1;
    }

    /// <summary>
    /// <c>nested_vmx_l0_wants_exit</c> (model 01 §3.2): true when L0 must handle the exit whatever L1
    /// set. Default false.
    /// </summary>
    public static bool L0WantsExit(in ExitInfo exit, in L0ExitContext l0)
    {
        switch ((VmxExitReason)exit.VmxReason.Basic)
        {
            case VmxExitReason.ExceptionOrNmi:
                return L0WantsExceptionOrNmi(new VmxInterruptionInfo(exit.InterruptionInfo), l0);
            case VmxExitReason.ExternalInterrupt:
                // The interrupt belongs to the host; L1 is told about its own interrupts by injection.
                return true;
            case VmxExitReason.MceDuringVmentry:
                return true;
            case VmxExitReason.EptViolation:
                // L0 walks L1's EPT itself and injects an EPT violation into L1 only if L1's tables miss.
                return true;
            case VmxExitReason.EptMisconfig:
                // L2 never runs on L1's EPT directly (shadow or merged tables), so any structural fault is L0's.
                return true;
            case VmxExitReason.PreemptionTimer:
                // L1's preemption timer is emulated with an hrtimer; the hardware timer is L0's.
                return true;
            case VmxExitReason.PmlFull:
                // PML is emulated for L1 and never enabled in vmcs02.
                return true;
            case VmxExitReason.Vmfunc:
                // VM functions are emulated through L2->L0 exits.
                return true;
            case VmxExitReason.BusLock:
                // Bus-lock exits are never exposed to L1.
                return true;
            case VmxExitReason.Vmcall:
                // G-05: the Hyper-V L2 TLB-flush hypercall, only with CONFIG_KVM_HYPERV.
                return !l0.Has(L0ExitFlags.KvmHypervCompiledOut)
                    && DirectHypercallGate.L0HandlesL2Hypercall(
                        l0.Has(L0ExitFlags.HvDirectFlushCpuid),
                        l0.Has(L0ExitFlags.L2DirectHypercallGateOpen),
                        l0.HypercallCode);
            case VmxExitReason.Cpuid:
                return l0.Has(L0ExitFlags.CpuidNotAllowed);
            default:
                return false;
        }
    }

    private static bool L0WantsExceptionOrNmi(VmxInterruptionInfo info, in L0ExitContext l0)
    {
        if (info.IsNmi)
            return true; // a host NMI arrived while L2 ran
        if (info.IsException(ExceptionVector.PageFault))
            return l0.Has(L0ExitFlags.HostAsyncPageFault) || l0.Has(L0ExitFlags.L0NeedsPageFaults);
        if (info.IsException(ExceptionVector.Debug))
            return l0.Has(L0ExitFlags.GuestDebugSingleStepOrHwBp);
        if (info.IsException(ExceptionVector.Breakpoint))
            return l0.Has(L0ExitFlags.GuestDebugSwBp);
        if (info.IsException(ExceptionVector.AlignmentCheck))
            return l0.Has(L0ExitFlags.AlignmentCheckNotInjectable);
        // #VE is only ever enabled by L0 (EPT-violation #VE for its own use).
        return info.IsException(ExceptionVector.VirtualizationException);
    }
}
