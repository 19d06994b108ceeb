using NestedVirt.Counters;
using NestedVirt.Userspace;

namespace NestedVirt.Hypercalls;

public sealed partial class HyperVHypercallHandler
{
    /// <summary>
    /// Stage (c), H-15 to H-17: dispatch on the call code, then complete in the kernel or fill
    /// <paramref name="exit"/> for userspace. A call whose <see cref="HypercallContext.EarlyStatus"/>
    /// is not SUCCESS completes at once with that status.
    /// </summary>
    /// <param name="call">The call from <see cref="TryBegin"/>, its input GPA translated by the relay if needed.</param>
    /// <param name="regs">The caller's registers: result written and RIP advanced on completion.</param>
    /// <param name="vcpu">The calling vCPU's Hyper-V state.</param>
    /// <param name="exit">Filled for <see cref="HypercallOutcome.ExitToUserspace"/> (<c>kvm_run.hyperv</c>).</param>
    /// <param name="counters">Counts of the path: hypercalls completed, guest bytes read.</param>
    /// <param name="status">The status written to the guest for a completion; <see cref="HvStatus.Success"/> for <see cref="HypercallOutcome.ExitToUserspace"/>.</param>
    public HypercallOutcome Finish(
        ref HypercallContext call,
        ref HypercallRegisters regs,
        in HyperVVcpuState vcpu,
        ref KvmHypervExit exit,
        ref PathCounters counters,
        out HvStatus status)
    {
        HvStatus s = call.EarlyStatus;
        int repsCompleted = 0;
        if (s == HvStatus.Success)
        {
            HypercallInput input = call.Input;
            bool repOrVarHead = input.IsRep || input.VariableHeaderSize != 0;
            switch (input.Code)
            {
                case HvCallCode.NotifyLongSpinWait:
                    // The yield itself is not modelled.
                    s = repOrVarHead ? HvStatus.InvalidHypercallInput : HvStatus.Success;
                    break;

                case HvCallCode.SignalEvent:
                    if (repOrVarHead)
                    {
                        s = HvStatus.InvalidHypercallInput;
                        break;
                    }
                    s = SignalEventInKernel(ref call, ref counters);
                    if (s != HvStatus.InvalidPortId)
                        break;
                    // H-15: an unknown (or flagged) connection may still be known to userspace.
                    goto case HvCallCode.PostMessage;

                case HvCallCode.PostMessage:
                    // KVM: do not bother userspace when this vCPU has no SynIC to receive on.
                    if (repOrVarHead || !vcpu.SynicActive)
                    {
                        s = HvStatus.InvalidHypercallInput;
                        break;
                    }
                    return ExitToUserspace(in call, ref exit, out status);

                case HvCallCode.FlushVirtualAddressList:
                    if (input.VariableHeaderSize != 0)
                    {
                        s = HvStatus.InvalidHypercallInput;
                        break;
                    }
                    goto case HvCallCode.FlushVirtualAddressListEx;

                case HvCallCode.FlushVirtualAddressListEx:
                    // TLFS: a rep call needs a non-zero rep count; KVM also refuses a resumed list.
                    if (input.RepCount == 0 || input.RepStartIndex != 0)
                    {
                        s = HvStatus.InvalidHypercallInput;
                        break;
                    }
                    repsCompleted = input.RepCount;
                    break;

                case HvCallCode.FlushVirtualAddressSpace:
                case HvCallCode.SendSyntheticClusterIpi:
                    if (input.VariableHeaderSize != 0)
                    {
                        s = HvStatus.InvalidHypercallInput;
                        break;
                    }
                    goto case HvCallCode.FlushVirtualAddressSpaceEx;

                case HvCallCode.FlushVirtualAddressSpaceEx:
                case HvCallCode.SendSyntheticClusterIpiEx:
                    s = input.IsRep ? HvStatus.InvalidHypercallInput : HvStatus.Success;
                    break;

                case HvCallCode.PostDebugData:
                case HvCallCode.RetrieveDebugData:
                    if (input.IsFast)
                    {
                        s = HvStatus.InvalidParameter;
                        break;
                    }
                    goto case HvCallCode.ResetDebugSession;

                case HvCallCode.ResetDebugSession:
                    if (!vcpu.SyndbgEnabled)
                        s = HvStatus.InvalidHypercallCode;
                    else if (!vcpu.SyndbgUsesHypercalls)
                        s = HvStatus.OperationDenied;
                    else
                        return ExitToUserspace(in call, ref exit, out status);
                    break;

                default:
                    if (!IsExtendedCall(input.CallCode))
                    {
                        s = HvStatus.InvalidHypercallCode;
                        break;
                    }
                    if (input.IsFast)
                    {
                        s = HvStatus.InvalidParameter;
                        break;
                    }
                    return ExitToUserspace(in call, ref exit, out status);
            }
        }

        return Complete(ref regs, in vcpu, HypercallResult.Create(s, repsCompleted).Value, ref counters, out status);
    }

    /// <summary>
    /// H-15 HvSignalEvent in the kernel (KVM <c>kvm_hvcall_signal_event</c>). A slow call reads its
    /// 8-byte input, which then replaces the input parameter, also for the userspace fall-through.
    /// </summary>
    private HvStatus SignalEventInKernel(ref HypercallContext call, ref PathCounters counters)
    {
        if (!call.Input.IsFast)
        {
            ulong gpa = call.InputParameter;
            if (!HypercallAlignment.IsAlignedWithinPage(gpa, sizeof(ulong)) || !l1Memory.TryReadUInt64(gpa, out ulong value))
                return HvStatus.InvalidAlignment;
            counters.GuestBytesRead += sizeof(ulong);
            call.ReplaceInputParameter(value);
        }

        var input = new HvSignalEventInput(call.InputParameter);
        // KVM has no use for flag numbers and reports a non-zero one as a failed lookup.
        if (input.FlagNumber != 0)
            return HvStatus.InvalidPortId;
        if (input.ConnectionId.HasReservedBits || input.HasReservedBits)
            return HvStatus.InvalidHypercallInput;
        return eventfds.TrySignal(input.ConnectionId.Id) ? HvStatus.Success : HvStatus.InvalidPortId;
    }

    /// <summary>H-17: <c>KVM_EXIT_HYPERV</c> / HCALL. The result field is left for userspace to write.</summary>
    private static HypercallOutcome ExitToUserspace(in HypercallContext call, ref KvmHypervExit exit, out HvStatus status)
    {
        exit.Type = KvmHypervExitType.Hcall;
        exit.HcallInput = call.Input.Value;
        exit.HcallParam0 = call.InputParameter;
        exit.HcallParam1 = call.OutputParameter;
        status = HvStatus.Success;
        return HypercallOutcome.ExitToUserspace;
    }
}
