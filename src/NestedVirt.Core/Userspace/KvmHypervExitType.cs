namespace NestedVirt.Userspace;

/// <summary><c>kvm_hyperv_exit.type</c> values (Linux <c>include/uapi/linux/kvm.h</c>).</summary>
public static class KvmHypervExitType
{
    /// <summary><c>KVM_EXIT_HYPERV_SYNIC</c>: a SynIC MSR changed (the SYNIC arm is valid).</summary>
    public const uint Synic = 1;

    /// <summary><c>KVM_EXIT_HYPERV_HCALL</c>: a hypercall for userspace (the HCALL arm is valid).</summary>
    public const uint Hcall = 2;

    /// <summary><c>KVM_EXIT_HYPERV_SYNDBG</c>: a synthetic debugger MSR changed (the SYNDBG arm is valid).</summary>
    public const uint Syndbg = 3;
}
