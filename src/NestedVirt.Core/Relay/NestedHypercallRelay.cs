using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Paging;

namespace NestedVirt.Relay;

/// <summary>
/// The RFC relay's three pieces ("KVM: x86: Relay a nested Hyper-V root's vmbus posts to L0"),
/// as pure functions: the decision (R-02, and R-06 for SVM), clearing the nested bit, and the
/// translation of the input GPA from L2 to L1 through L1's EPT/NPT.
/// </summary>
public static class NestedHypercallRelay
{
    /// <summary>RCX bit 31, <c>HV_HYPERCALL_NESTED</c>.</summary>
    public const ulong NestedBit = 1UL << 31;

    /// <summary>
    /// keep the call in L0 iff the mask is non-zero, the L2 direct-hypercall gate is open
    /// (G-01 on VMX, G-02 on SVM), the nested bit is set and the call is HvPostMessage with mask
    /// bit 0 or HvSignalEvent with mask bit 1. The caller has already checked that the exit is
    /// VMCALL (reason 18) or VMMCALL (0x81). The patch does not look at G-03, the fast bit, CPL
    /// or the caller's mode; <paramref name="corrections"/> adds the last two.
    /// </summary>
    public static bool ShouldRelay(NestedHypervRelayMask mask, bool gateOpen, in HypercallRegisters regs, RelayCorrections corrections) =>
        Decide(mask, gateOpen, InputOperand(regs, corrections), regs.Cpl == 0, corrections);

    /// <summary>
    /// R-02 as L0's routing takes it (D-05 on VMX, R-06 on SVM): from the VM's mask and corrections
    /// in <paramref name="l0"/>, the gate in its flags, and the input the exit carries in
    /// <see cref="ExitInfo.Operand"/> (<see cref="InputOperand"/>).
    /// </summary>
    internal static bool ShouldRelay(in ExitInfo exit, in L0ExitContext l0) =>
        l0.RelayMask != NestedHypervRelayMask.None
        && Decide(l0.RelayMask, l0.Has(L0ExitFlags.L2DirectHypercallGateOpen), exit.Operand,
            !l0.Has(L0ExitFlags.CallerNotAtCpl0), l0.RelayCorrections);

    /// <summary>
    /// The hypercall input the decision reads, for <see cref="ExitInfo.Operand"/>: RCX as posted,
    /// the caller-mode input (EDX:EAX for a 32-bit caller) with <see cref="RelayCorrections.CallerMode"/>.
    /// </summary>
    public static ulong InputOperand(in HypercallRegisters regs, RelayCorrections corrections) =>
        (corrections & RelayCorrections.CallerMode) != 0 ? regs.InputValue : regs.Rcx;

    private static bool Decide(NestedHypervRelayMask mask, bool gateOpen, ulong input, bool atCpl0, RelayCorrections corrections)
    {
        if (mask == NestedHypervRelayMask.None || !gateOpen)
            return false;
        if ((corrections & RelayCorrections.RequireCpl0) != 0 && !atCpl0)
            return false;
        if ((input & NestedBit) == 0)
            return false;
        return (ushort)input switch
        {
            (ushort)HvCallCode.PostMessage => (mask & NestedHypervRelayMask.PostMessage) != 0,
            (ushort)HvCallCode.SignalEvent => (mask & NestedHypervRelayMask.SignalEvent) != 0,
            _ => false,
        };
    }

    /// <summary>
    /// Clears the nested bit where the decision read it: in RCX as posted (even for a 32-bit
    /// caller, whose input is really in EDX:EAX), in EAX with <see cref="RelayCorrections.CallerMode"/>.
    /// The change is visible to L2 (model 02 §8 observations: TLFS says RCX changes only for rep calls).
    /// </summary>
    public static void ClearNestedBit(ref HypercallRegisters regs, RelayCorrections corrections)
    {
        if ((corrections & RelayCorrections.CallerMode) != 0 && !regs.Is64BitCaller)
            regs.Rax &= ~NestedBit;
        else
            regs.Rcx &= ~NestedBit;
    }

    /// <summary>
    /// translate a slow HvPostMessage/HvSignalEvent input GPA from L2 to L1 through L1's
    /// table (access "read, final GPA"; NPT adds user), through the nested TLB when given. A
    /// failed walk completes the call with HV_STATUS_INVALID_HYPERCALL_INPUT. Calls that need no
    /// translation (fast, other codes, failed early checks) are left alone.
    /// </summary>
    /// <returns>The walk result, or a default (not translated, 0 entries) when nothing was walked.</returns>
    public static WalkResult TranslateInput<TNested>(ref HypercallContext call, GuestMemory memory, in PagingConfig nested,
        PagingCaches? caches, ref PathCounters counters)
        where TNested : struct, IPageTableFormat
    {
        if (!call.HasTranslatableInputGpa)
            return default;
        WalkResult result = NestedTranslation.Translate<TNested>(memory, nested, call.InputParameter, AccessIntent.Read, caches);
        counters.Walks++;
        counters.GuestEntriesRead += result.EntriesRead;
        if (result.IsTranslated)
            call.SetTranslatedInputGpa(result.Address);
        else
            call.FailTranslation();
        return result;
    }
}
