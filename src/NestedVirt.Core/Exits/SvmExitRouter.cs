using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Exits;

/// <summary>
/// Decides where an exit from L2 goes on SVM, in the shape of KVM's nested SVM exit handling
/// (<c>arch/x86/kvm/svm/nested.c</c>, <c>svm.c</c>; model 01 §5): <see cref="ExitSpecial"/> (L0's
/// interest), then <see cref="Intercept"/> (L1's vmcb12 intercepts), then the VMMCALL policy of D-13.
/// </summary>
public static class SvmExitRouter
{
    /// <summary>
    /// Routes one exit (D-10 with D-11, D-12, D-13, and the relay's R-06 test inside D-11). The
    /// caller counts the hardware L2→L0 exit once routing is done (none for
    /// <see cref="ExitRoute.UdInL2WithoutExit"/>); this adds only the permission-map bytes it reads.
    /// </summary>
    /// <remarks>
    /// an SVM port of the relay hooks <c>nested_svm_exit_special</c> (return HOST) and is
    /// thereby exempt from the D-13 #UD, with G-02 as the gate. The test is the first row of
    /// <see cref="ExitSpecial"/>'s VMMCALL case; a kept call comes back as
    /// <see cref="ExitRoute.HandleInL0ByRelay"/> and the caller clears RCX bit 31.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The vCPU is not in guest mode (API misuse).</exception>
    public static ExitRoute Route(in ExitInfo exit, in L0ExitContext l0, NestedSvmState state, GuestMemory memory,
        SvmVmmcallPolicy policy, ref PathCounters counters)
    {
        if (!state.GuestMode)
            ThrowHelper.ThrowInvalidOperation("SVM exits from L2 are routed only in guest mode");

        bool vmmcall = exit.SvmCode == SvmExitCode.Vmmcall;

        // Pre-2026: vmcb02 intercepts VMMCALL only if L1 does or the L2 TLB-flush gate (G-02) is
        // open; otherwise the instruction never exits and the CPU raises #UD in L2.
        if (vmmcall && policy == SvmVmmcallPolicy.Pre2026ClearIntercept
            && !l0.Has(L0ExitFlags.L2DirectHypercallGateOpen)
            && !state.Control.IsIntercepted(SvmInterceptBit.Vmmcall))
            return ExitRoute.UdInL2WithoutExit;

        // D-10: exit_special first; HOST means the normal L0 handler runs.
        L0Claim claim = SpecialClaims(exit, l0);
        if (claim != L0Claim.None)
            return claim == L0Claim.Relay ? ExitRoute.HandleInL0ByRelay : ExitRoute.HandleInL0;

        // D-10: CONTINUE -> nested_svm_exit_handled; DONE means the nested #VMEXIT happened.
        if (Intercept(exit, state.Control, memory, ref counters) == NestedExitResult.Done)
            return ExitRoute.ReflectToL1;

        if (!vmmcall)
            return ExitRoute.HandleInL0NotInterceptedByL1;

        // D-13: L1 does not intercept VMMCALL and L0 did not claim it.
        return policy == SvmVmmcallPolicy.Upstream2026InjectUd
            ? ExitRoute.InjectUdIntoL2
            : ExitRoute.HandleInL0NotInterceptedByL1; // the pre-2026 path ran it as an ordinary hypercall
    }

    /// <summary>
    /// D-11 <c>nested_svm_exit_special</c>: HOST for physical INTR, NMI and NPF; for an exception
    /// that vmcb01 intercepts (L0's own interest) or a #PF with a host async page fault pending; and
    /// for a VMMCALL that the relay keeps or that is an L2 TLB-flush hypercall (G-05).
    /// CONTINUE otherwise.
    /// </summary>
    public static NestedExitResult ExitSpecial(in ExitInfo exit, in L0ExitContext l0) =>
        SpecialClaims(exit, l0) == L0Claim.None ? NestedExitResult.Continue : NestedExitResult.Host;

    private static L0Claim SpecialClaims(in ExitInfo exit, in L0ExitContext l0)
    {
        SvmExitCode code = exit.SvmCode;
        switch (code)
        {
            case SvmExitCode.Intr:
            case SvmExitCode.Nmi:
            case SvmExitCode.Npf:
                // Host interrupts and faults in L0's own nested page tables are never L1's business.
                return L0Claim.Handle;
            case SvmExitCode.Vmmcall:
                return L2HypercallClaim.For(exit, l0); // R-06 (RFC relay, SVM port) with gate G-02, then G-05
        }

        if (SvmExitCodeRanges.IsException(code, out int vector))
        {
            if ((l0.L0ExceptionIntercepts & (1u << vector)) != 0)
                return L0Claim.Handle;
            // A pending host async page fault keeps #PF in L0 even with nested paging.
            if (vector == (int)ExceptionVector.PageFault && l0.Has(L0ExitFlags.HostAsyncPageFault))
                return L0Claim.Handle;
        }
        return L0Claim.None;
    }

    /// <summary>
    /// D-12 <c>nested_svm_intercept</c>: DONE when L1's vmcb12 intercepts the exit, HOST otherwise.
    /// MSR and IOIO consult L1's permission maps; CR/DR accesses and every other code test the
    /// vmcb12 intercept bit numbered as the exit code; exceptions and VMEXIT_INVALID are DONE
    /// (L0's exceptions were filtered by <see cref="ExitSpecial"/>).
    /// </summary>
    public static NestedExitResult Intercept(in ExitInfo exit, in Vmcb12Controls ctl, GuestMemory memory, ref PathCounters counters)
    {
        SvmExitCode code = exit.SvmCode;
        switch (code)
        {
            case SvmExitCode.Msr:
                return SvmInterceptBitmaps.MsrIntercept(ctl, memory, (uint)exit.Operand, (exit.Qualification & 1) != 0, ref counters);
            case SvmExitCode.Ioio:
                return SvmInterceptBitmaps.IoIntercept(ctl, memory, new SvmIoioInfo(exit.Qualification), ref counters);
            case SvmExitCode.Invalid:
                return NestedExitResult.Done;
        }
        if (SvmExitCodeRanges.IsException(code, out _))
            return NestedExitResult.Done;

        // Codes up to 0xBF name their own intercept bit (CR 0x00-0x1F, DR 0x20-0x3F, 0x60-0xA5 misc).
        // Codes beyond the six intercept words (NPF, AVIC) have no vmcb12 intercept; KVM never
        // sees them here from L2 (NPF is HOST in exit_special, AVIC is not enabled for L2).
        ulong c = (ulong)code;
        return c < VmcbLayout.InterceptWords * 32 && ctl.IsIntercepted((int)c)
            ? NestedExitResult.Done
            : NestedExitResult.Host;
    }
}
