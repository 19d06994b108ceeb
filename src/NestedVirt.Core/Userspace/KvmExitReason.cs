namespace NestedVirt.Userspace;

/// <summary><c>kvm_run.exit_reason</c> values (<c>KVM_EXIT_*</c>, Linux <c>include/uapi/linux/kvm.h</c>) the model produces.</summary>
public static class KvmExitReason
{
    /// <summary><c>KVM_EXIT_HYPERV</c>: <c>kvm_run.hyperv</c> (a <see cref="KvmHypervExit"/>) is valid.</summary>
    public const uint Hyperv = 27;
}
