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
    /// Routes one exit (D-01..D-04, with the relay's D-05 test inside L0's step). The caller counts
    /// the hardware L2→L0 exit once routing is done; this only adds the bitmap bytes it reads.
    /// </summary>
    /// <remarks>
    /// The RFC puts its test in <c>nested_vmx_reflect_vmexit</c> after the late-VMFail check and
    /// before <c>nested_vmx_l0_wants_exit</c> (D-05). Here it is the first row of that predicate's
    /// VMCALL case, which is the same thing: D-01 has already been checked, the test is
    /// conjunctive with reason == VMCALL, and every other exit reaches D-02 unchanged. A kept call
    /// comes back as <see cref="ExitRoute.HandleInL0ByRelay"/>; the caller then clears RCX bit 31
    /// (<c>NestedHypercallRelay.ClearNestedBit</c>) as the RFC does on that branch.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static ExitRoute Route(in ExitInfo exit, in L0ExitContext l0, NestedVmxState state, GuestMemory memory, ref PathCounters counters)
    {
        if (!state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("VMX exits from L2 are routed only in guest mode");

        // D-01: a late VMFail shares the nested VM-exit path because L2's state is already loaded.
        if (l0.Has(L0ExitFlags.EntryFailed))
            return ExitRoute.ReflectEntryFailureToL1;

        // D-02 (with D-05 inside): L0 trumps L1.
        L0Claim claim = L0Claims(exit, l0);
        if (claim != L0Claim.None)
            return claim == L0Claim.Relay ? ExitRoute.HandleInL0ByRelay : ExitRoute.HandleInL0;

        // D-03.
        if (!L1WantsExit(exit, state, memory, ref counters))
            return ExitRoute.HandleInL0NotInterceptedByL1;

        // D-04: the caller reflects (interruption info, error code, qualification into vmcs12).
        return ExitRoute.ReflectToL1;
    }

    /// <summary>
    /// <c>nested_vmx_l0_wants_exit</c> (model 01 §3.2), with the relay's D-05 test in its VMCALL
    /// row: true when L0 must handle the exit whatever L1 set. Default false.
    /// </summary>
    public static bool L0WantsExit(in ExitInfo exit, in L0ExitContext l0) => L0Claims(exit, l0) != L0Claim.None;

    private static L0Claim L0Claims(in ExitInfo exit, in L0ExitContext l0)
    {
        uint basic = exit.VmxReason.Basic;
        // Host interrupts, EPT faults, the preemption timer, PML, VMFUNC and bus locks: a flag of
        // the reason's row (VmxExitRow.cs says why each is L0's). The three rows below depend on
        // the exit; every other reason is L1's question. Compared one by one, not switched on, so
        // a mix of exits does not jump through a table.
        if (VmxExitRow.For(basic).L0Always)
            return L0Claim.Handle;
        if (basic == (uint)VmxExitReason.Vmcall)
            return L2HypercallClaim.For(exit, l0); // D-05 with gate G-01, then G-05
        if (basic == (uint)VmxExitReason.ExceptionOrNmi)
            return L0WantsExceptionOrNmi(new VmxInterruptionInfo(exit.InterruptionInfo), l0) ? L0Claim.Handle : L0Claim.None;
        if (basic == (uint)VmxExitReason.Cpuid)
            return l0.Has(L0ExitFlags.CpuidNotAllowed) ? L0Claim.Handle : L0Claim.None;
        return L0Claim.None;
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
