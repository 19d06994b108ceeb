namespace NestedVirt.Hypercalls;

public sealed partial class HyperVHypercallHandler
{
    /// <summary>First extended call code (<c>HvExtCallQueryCapabilities</c>).</summary>
    private const ushort ExtendedCallFirst = 0x8001;

    /// <summary>Last extended call code: KVM's <c>HV_EXT_CALL_MAX</c> = 0x8001 + 64 (one capability bit per call).</summary>
    private const ushort ExtendedCallLast = 0x8041;

    private static bool IsExtendedCall(ushort code) => code is >= ExtendedCallFirst and <= ExtendedCallLast;

    /// <summary>
    /// H-12, KVM <c>hv_check_hypercall_access</c>: with CPUID enforcement on, a call needs the
    /// privilege or recommendation the guest's Hyper-V CPUID grants; without it every call passes.
    /// </summary>
    private static bool HasAccess(in HyperVVcpuState vcpu, ushort code)
    {
        if (!vcpu.EnforceCpuid)
            return true;

        uint ebx = vcpu.FeaturesEbx;
        uint hints = vcpu.EnlightenmentsEax;
        switch ((HvCallCode)code)
        {
            case HvCallCode.NotifyLongSpinWait:
                // 0 and all-ones both mean "never notify" (TLFS spin-wait retry count).
                return vcpu.EnlightenmentsEbx != 0 && vcpu.EnlightenmentsEbx != uint.MaxValue;
            case HvCallCode.PostMessage:
                return (ebx & HvCpuidBits.PostMessages) != 0;
            case HvCallCode.SignalEvent:
                return (ebx & HvCpuidBits.SignalEvents) != 0;
            case HvCallCode.PostDebugData:
            case HvCallCode.RetrieveDebugData:
            case HvCallCode.ResetDebugSession:
                // With SynDbg off KVM lets the call through so that it ends as INVALID_HYPERCALL_CODE.
                return !vcpu.SyndbgEnabled || (ebx & HvCpuidBits.Debugging) != 0;
            case HvCallCode.FlushVirtualAddressListEx:
            case HvCallCode.FlushVirtualAddressSpaceEx:
                return (hints & HvCpuidBits.ExProcessorMasksRecommended) != 0
                    && (hints & HvCpuidBits.RemoteTlbFlushRecommended) != 0;
            case HvCallCode.FlushVirtualAddressList:
            case HvCallCode.FlushVirtualAddressSpace:
                return (hints & HvCpuidBits.RemoteTlbFlushRecommended) != 0;
            case HvCallCode.SendSyntheticClusterIpiEx:
                return (hints & HvCpuidBits.ExProcessorMasksRecommended) != 0
                    && (hints & HvCpuidBits.ClusterIpiRecommended) != 0;
            case HvCallCode.SendSyntheticClusterIpi:
                return (hints & HvCpuidBits.ClusterIpiRecommended) != 0;
            default:
                return !IsExtendedCall(code) || (ebx & HvCpuidBits.EnableExtendedHypercalls) != 0;
        }
    }
}
