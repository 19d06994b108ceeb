using NestedVirt.Counters;
using NestedVirt.Memory;
using NestedVirt.Userspace;

namespace NestedVirt.Hypercalls;

/// <summary>
/// L0's Hyper-V hypercall handler, modelled on KVM's <c>kvm_hv_hypercall</c>
/// (<c>arch/x86/kvm/hyperv.c</c>, model 02 §6): decode the input once, check access and reserved
/// bits, one switch on the call code, and two distinct ends: completed in the kernel, or
/// <c>KVM_EXIT_HYPERV</c> to userspace. One instance per VM, allocated once; every call is
/// allocation-free.
/// </summary>
/// <remarks>
/// <para>The work is split in two stages so the nested relay can translate the input GPA in
/// between, exactly where the RFC inserts its step (after H-14, before H-15):</para>
/// <code>
/// if (!handler.TryBegin(in regs, in vcpu, out HypercallContext call, out HypercallOutcome outcome))
///     return outcome;                                   // #UD or not a Hyper-V hypercall
/// if (relayMask != 0 &amp;&amp; l1UsesNestedPaging &amp;&amp; call.HasTranslatableInputGpa)
/// {
///     if (WalkL1Ept(call.InputParameter, out ulong l1Gpa)) call.SetTranslatedInputGpa(l1Gpa);
///     else call.FailTranslation();                      // completes with INVALID_HYPERCALL_INPUT
/// }
/// return handler.Finish(ref call, ref regs, in vcpu, ref exit, ref counters, out HvStatus status);
/// </code>
/// <para><see cref="Handle"/> is the two stages without a translation (L1 callers, relay off).
/// Guest memory is always read in L1's GPA space (<see cref="L1Memory"/>), which is why an
/// untranslated L2 GPA reads the wrong page.</para>
/// <para>Not modelled: the bodies of the flush and IPI calls (their shape checks are; the body is
/// taken to succeed, flushes reporting reps completed = rep count as KVM's full flush does), the
/// yield of HvCallNotifyLongSpinWait, and XMM register contents.</para>
/// </remarks>
public sealed partial class HyperVHypercallHandler
{
    private readonly GuestMemory l1Memory;
    private readonly HyperVEventfdTable eventfds;

    /// <summary>Creates the handler of one VM.</summary>
    /// <param name="l1Memory">L1's guest-physical memory (KVM's memslots).</param>
    /// <param name="eventfds">The VM's <c>KVM_HYPERV_EVENTFD</c> table.</param>
    public HyperVHypercallHandler(GuestMemory l1Memory, HyperVEventfdTable eventfds)
    {
        if (l1Memory is null)
            ThrowHelper.ThrowArgumentNull(nameof(l1Memory));
        if (eventfds is null)
            ThrowHelper.ThrowArgumentNull(nameof(eventfds));
        this.l1Memory = l1Memory;
        this.eventfds = eventfds;
    }

    /// <summary>L1's guest memory, in which input GPAs are read.</summary>
    public GuestMemory L1Memory => l1Memory;

    /// <summary>The VM's eventfd table.</summary>
    public HyperVEventfdTable Eventfds => eventfds;

    /// <summary>Runs a hypercall through both stages with no GPA translation.</summary>
    /// <param name="regs">The caller's registers: result written and RIP advanced on completion.</param>
    /// <param name="vcpu">The calling vCPU's Hyper-V state.</param>
    /// <param name="exit">Filled for <see cref="HypercallOutcome.ExitToUserspace"/> (<c>kvm_run.hyperv</c>).</param>
    /// <param name="counters">Counts of the path: hypercalls completed, guest bytes read.</param>
    /// <param name="status">The status written to the guest when the outcome is a completion; otherwise <see cref="HvStatus.Success"/>.</param>
    public HypercallOutcome Handle(
        ref HypercallRegisters regs,
        in HyperVVcpuState vcpu,
        ref KvmHypervExit exit,
        ref PathCounters counters,
        out HvStatus status)
    {
        if (!TryBegin(in regs, in vcpu, out HypercallContext call, out HypercallOutcome outcome))
        {
            status = HvStatus.Success;
            return outcome;
        }
        return Finish(ref call, ref regs, in vcpu, ref exit, ref counters, out status);
    }

    /// <summary>
    /// Stage (a), H-10 to H-14: legal environment, decode, access, reserved bits, XMM input.
    /// Reads the registers and nothing else.
    /// </summary>
    /// <param name="regs">The caller's registers (read only).</param>
    /// <param name="vcpu">The calling vCPU's Hyper-V state.</param>
    /// <param name="call">The decoded call for <see cref="Finish"/>; an access or reserved-bit failure is recorded in its <see cref="HypercallContext.EarlyStatus"/>.</param>
    /// <param name="outcome">When the method returns false: <see cref="HypercallOutcome.InjectUd"/> or <see cref="HypercallOutcome.NotHyperV"/>.</param>
    /// <returns><see langword="false"/> when the hypercall ended here and <see cref="Finish"/> must not be called.</returns>
    public bool TryBegin(
        in HypercallRegisters regs,
        in HyperVVcpuState vcpu,
        out HypercallContext call,
        out HypercallOutcome outcome)
    {
        call = default;
        if (!vcpu.HypercallEnabled)
        {
            outcome = HypercallOutcome.NotHyperV;
            return false;
        }

        // H-10, TLFS "Legal Hypercall Environments": real mode counts as CPL 0 but is not allowed.
        if (regs.Cpl != 0 || !regs.ProtectedMode)
        {
            outcome = HypercallOutcome.InjectUd;
            return false;
        }

        var input = new HypercallInput(regs.InputValue);
        HvStatus early = HvStatus.Success;
        if (!HasAccess(in vcpu, input.CallCode))
        {
            early = HvStatus.AccessDenied;
        }
        else if (input.HasKvmReservedBits)
        {
            // H-13 with KVM's mask, which still covers bit 31 (H-01).
            early = HvStatus.InvalidHypercallInput;
        }
        else if (input.IsFast && IsXmmFastCapable(input.Code)
            && vcpu.EnforceCpuid && (vcpu.FeaturesEdx & HvCpuidBits.XmmInputAvailable) == 0)
        {
            // H-14, TLFS "XMM Fast Hypercall Input": use without availability raises #UD.
            outcome = HypercallOutcome.InjectUd;
            return false;
        }

        call = new HypercallContext(input, regs.InputParameter, regs.OutputParameter, early);
        outcome = HypercallOutcome.CompletedInKernel;
        return true;
    }

    /// <summary>KVM <c>is_xmm_fast_hypercall</c>: the calls whose fast form may carry input in XMM0-5.</summary>
    private static bool IsXmmFastCapable(HvCallCode code) =>
        code is HvCallCode.FlushVirtualAddressList or HvCallCode.FlushVirtualAddressSpace
            or HvCallCode.FlushVirtualAddressListEx or HvCallCode.FlushVirtualAddressSpaceEx
            or HvCallCode.SendSyntheticClusterIpiEx;
}
