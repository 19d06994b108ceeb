namespace NestedVirt.Kvm;

/// <summary>
/// <c>kvm_run.exit_reason</c> values (<c>KVM_EXIT_*</c>, Linux <c>include/uapi/linux/kvm.h</c>),
/// the one table for the model (which produces <see cref="Hyperv"/>) and the calibrator (which
/// meets the others on a real <c>/dev/kvm</c>).
/// </summary>
public enum KvmExitReason : uint
{
    /// <summary><c>KVM_EXIT_UNKNOWN</c>.</summary>
    Unknown = 0,

    /// <summary><c>KVM_EXIT_EXCEPTION</c>.</summary>
    Exception = 1,

    /// <summary><c>KVM_EXIT_IO</c>: a port access the kernel has no device for.</summary>
    Io = 2,

    /// <summary><c>KVM_EXIT_HLT</c>: HLT with no in-kernel local APIC to wait on.</summary>
    Hlt = 5,

    /// <summary><c>KVM_EXIT_MMIO</c>.</summary>
    Mmio = 6,

    /// <summary><c>KVM_EXIT_SHUTDOWN</c>: triple fault.</summary>
    Shutdown = 8,

    /// <summary><c>KVM_EXIT_FAIL_ENTRY</c>.</summary>
    FailEntry = 9,

    /// <summary><c>KVM_EXIT_INTR</c>: a signal, or <c>kvm_run.immediate_exit</c>, ended KVM_RUN before the guest ran.</summary>
    Intr = 10,

    /// <summary><c>KVM_EXIT_INTERNAL_ERROR</c>, e.g. an instruction KVM could not emulate.</summary>
    InternalError = 17,

    /// <summary><c>KVM_EXIT_HYPERV</c>: <c>kvm_run.hyperv</c> (a <c>KvmHypervExit</c>) is valid.</summary>
    Hyperv = 27,
}
