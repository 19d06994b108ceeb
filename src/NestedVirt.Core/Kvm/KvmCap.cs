namespace NestedVirt.Kvm;

/// <summary>KVM capability numbers (<c>KVM_CAP_*</c>, Linux <c>include/uapi/linux/kvm.h</c>) the model uses.</summary>
public static class KvmCap
{
    /// <summary><c>KVM_CAP_HYPERV_EVENTFD</c>: the <c>KVM_HYPERV_EVENTFD</c> VM ioctl exists.</summary>
    public const uint HypervEventfd = 154;

    /// <summary><c>KVM_CAP_NESTED_STATE</c>: KVM_CHECK_EXTENSION returns the maximum nested-state size (C-04).</summary>
    public const uint NestedState = 157;

    /// <summary><c>KVM_CAP_HYPERV_ENLIGHTENED_VMCS</c>: a vCPU capability (C-01).</summary>
    public const uint HypervEnlightenedVmcs = 163;

    /// <summary>
    /// <c>KVM_CAP_NESTED_HYPERV_HCALL_RELAY</c> as the published relay patch defines it:
    /// 0x4f564d52, the ASCII bytes "OVMR". The RFC cover text and README speak of the
    /// upstream number 249, but that is a placeholder the patch does not use; design.md says
    /// OpenVMM and the mainline fork share this sentinel (model sources §5.1). Because the number is
    /// not final, <see cref="KvmVmCapabilities"/> takes it as configuration.
    /// </summary>
    public const uint NestedHypervHcallRelay = 0x4F56_4D52;

    /// <summary>The placeholder number 249 the RFC text gives for the relay capability (unused by the patch).</summary>
    public const uint NestedHypervHcallRelayRfcPlaceholder = 249;
}
