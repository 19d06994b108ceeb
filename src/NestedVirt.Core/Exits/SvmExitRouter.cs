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
    /// Routes one exit (D-10 with D-11, D-12, D-13). The caller has already counted the hardware
    /// L2→L0 exit; this adds only the permission-map bytes it reads.
    /// </summary>
    /// <remarks>
    /// Relay hook: an SVM relay must make <c>nested_svm_exit_special</c> return HOST and exempt the
    /// call from the D-13 #UD. The relay component decides; it passes its verdict in
    /// <see cref="L0ExitFlags.RelayKeepsInL0"/>, honoured only for VMMCALL, and this router returns
    /// <see cref="ExitRoute.HandleInL0ByRelay"/>.
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
        if (ExitSpecial(exit, l0) == NestedExitResult.Host)
            return vmmcall && l0.Has(L0ExitFlags.RelayKeepsInL0) ? ExitRoute.HandleInL0ByRelay : ExitRoute.HandleInL0;

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
    /// for a VMMCALL that is an L2 TLB-flush hypercall (G-05) or that the relay keeps. CONTINUE
    /// otherwise.
    /// </summary>
    public static NestedExitResult ExitSpecial(in ExitInfo exit, in L0ExitContext l0)
    {
        SvmExitCode code = exit.SvmCode;
        switch (code)
        {
            case SvmExitCode.Intr:
            case SvmExitCode.Nmi:
            case SvmExitCode.Npf:
                // Host interrupts and faults in L0's own nested page tables are never L1's business.
                return NestedExitResult.Host;
            case SvmExitCode.Vmmcall:
                if (l0.Has(L0ExitFlags.RelayKeepsInL0))
                    return NestedExitResult.Host;
                return !l0.Has(L0ExitFlags.KvmHypervCompiledOut)
                    && DirectHypercallGate.L0HandlesL2Hypercall(
                        l0.Has(L0ExitFlags.HvDirectFlushCpuid),
                        l0.Has(L0ExitFlags.L2DirectHypercallGateOpen),
                        l0.HypercallCode)
                    ? NestedExitResult.Host
                    : NestedExitResult.Continue;
        }

        if (SvmExitCodeRanges.IsException(code, out int vector))
        {
            if ((l0.L0ExceptionIntercepts & (1u << vector)) != 0)
                return NestedExitResult.Host;
            // A pending host async page fault keeps #PF in L0 even with nested paging.
            if (vector == (int)ExceptionVector.PageFault && l0.Has(L0ExitFlags.HostAsyncPageFault))
                return NestedExitResult.Host;
        }
        return NestedExitResult.Continue;
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
