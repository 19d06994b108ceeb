namespace NestedVirt.Exits.Dispatch;

/// <summary>What L0's handler for an exit decided; the run loop acts on it.</summary>
public enum ExitAction : byte
{
    /// <summary>Handled in the kernel: re-enter the guest.</summary>
    Resume = 0,

    /// <summary>Needs the userspace VMM (port I/O to a device model, a Hyper-V post): return from KVM_RUN.</summary>
    ExitToUserspace = 1,

    /// <summary>L1 intercepts it: perform the nested VM exit.</summary>
    ReflectToL1 = 2,

    /// <summary>Inject #UD into the guest and re-enter it (an instruction the guest's CPU does not have).</summary>
    InjectUd = 3,

    /// <summary>Inject #GP(0) into the guest and re-enter it (a reserved MSR, CR bit or a privileged access).</summary>
    InjectGp = 4,

    /// <summary>Kill the guest (Xen <c>domain_crash</c>): L0 found its own state inconsistent.</summary>
    CrashGuest = 5,
}
