using NestedVirt.Counters;
using NestedVirt.Userspace;

namespace NestedVirt.Hypercalls;

public sealed partial class HyperVHypercallHandler
{
    /// <summary>
    /// H-17: the next KVM_RUN after a <see cref="HypercallOutcome.ExitToUserspace"/> completes the
    /// call with the 64-bit <c>hcall.result</c> userspace wrote, exactly as an in-kernel completion,
    /// and counts one userspace round trip.
    /// </summary>
    /// <param name="regs">The caller's registers: result written and RIP advanced on completion.</param>
    /// <param name="exit">The HCALL exit whose <c>hcall.result</c> userspace wrote.</param>
    /// <param name="vcpu">The calling vCPU's Hyper-V state.</param>
    /// <param name="counters">Counts of the path: one round trip, one hypercall completed.</param>
    /// <param name="status">The status written to the guest.</param>
    /// <returns><see cref="HypercallOutcome.CompletedFromUserspace"/> (or <see cref="HypercallOutcome.CompletedTrapAfterFlush"/>).</returns>
    /// <exception cref="InvalidOperationException"><paramref name="exit"/> is not an HCALL exit.</exception>
    public HypercallOutcome CompleteUserspace(
        ref HypercallRegisters regs,
        in KvmHypervExit exit,
        in HyperVVcpuState vcpu,
        ref PathCounters counters,
        out HvStatus status)
    {
        if (exit.Type != KvmHypervExitType.Hcall)
            ThrowHelper.ThrowInvalidOperation("only a KVM_EXIT_HYPERV_HCALL exit completes a hypercall");
        counters.UserspaceRoundTrips++;
        HypercallOutcome outcome = Complete(ref regs, in vcpu, exit.HcallResult, ref counters, out status);
        return outcome == HypercallOutcome.CompletedInKernel ? HypercallOutcome.CompletedFromUserspace : outcome;
    }

    /// <summary>
    /// H-16, KVM <c>kvm_hv_hypercall_complete</c>: after a successful L2 flush, read TlbLockCount
    /// from L1's partition-assist page (a failed read turns the result into
    /// INVALID_HYPERCALL_INPUT); write the result; count; skip the instruction.
    /// </summary>
    private HypercallOutcome Complete(
        ref HypercallRegisters regs,
        in HyperVVcpuState vcpu,
        ulong result,
        ref PathCounters counters,
        out HvStatus status)
    {
        uint tlbLockCount = 0;
        if ((result & HypercallResult.StatusMask) == 0 && vcpu.GuestMode && IsTlbFlushCall(in regs))
        {
            if (l1Memory.TryReadUInt32(vcpu.PartitionAssistPageGpa, out tlbLockCount))
                counters.GuestBytesRead += sizeof(uint);
            else
                result = (ulong)HvStatus.InvalidHypercallInput;
        }

        regs.WriteResult(result);
        counters.HypercallsCompleted++;
        regs.SkipInstruction();
        status = (HvStatus)(ushort)result;
        // G-06: L1 asked to be told when a flush completes while it holds the TLB lock.
        return tlbLockCount != 0 ? HypercallOutcome.CompletedTrapAfterFlush : HypercallOutcome.CompletedInKernel;
    }

    /// <summary>
    /// KVM <c>kvm_hv_is_tlb_flush_hcall</c> (G-04): the call code is read again from RCX (EAX for a
    /// 32-bit caller), ignoring the fast and nested bits.
    /// </summary>
    private static bool IsTlbFlushCall(in HypercallRegisters regs)
    {
        var code = (HvCallCode)(ushort)(regs.Is64BitCaller ? regs.Rcx : regs.Rax);
        return code is HvCallCode.FlushVirtualAddressSpace or HvCallCode.FlushVirtualAddressList
            or HvCallCode.FlushVirtualAddressSpaceEx or HvCallCode.FlushVirtualAddressListEx;
    }
}
