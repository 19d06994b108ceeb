namespace NestedVirt.Harness.Kvm;

/// <summary>What one iteration of a calibration guest's loop makes userspace see.</summary>
internal enum LoopExit
{
    /// <summary>Nothing: the loop body stays in the guest or is handled inside KVM (CPUID).</summary>
    None,

    /// <summary>A <c>KVM_EXIT_IO</c> for <c>out dx, al</c> to <see cref="GuestProgram.LoopPort"/>.</summary>
    Io,

    /// <summary>A <c>KVM_EXIT_HLT</c>: with no in-kernel local APIC, KVM hands HLT to userspace.</summary>
    Hlt,
}
