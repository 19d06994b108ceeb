namespace NestedVirt.Hypercalls;

/// <summary>
/// What became of a hypercall in L0: the next step for the caller of
/// <see cref="HyperVHypercallHandler"/>.
/// </summary>
public enum HypercallOutcome : byte
{
    /// <summary>Handled in the kernel: result written to RAX (EDX:EAX), RIP advanced, hypercall counted (H-16). Resume the guest.</summary>
    CompletedInKernel,

    /// <summary>
    /// As <see cref="CompletedInKernel"/> for an L2 flush call whose partition-assist TlbLockCount
    /// is non-zero: L0 must now deliver the synthetic trap-after-flush exit to L1 (H-16, G-06).
    /// </summary>
    CompletedTrapAfterFlush,

    /// <summary>
    /// <c>KVM_EXIT_HYPERV</c> / <c>KVM_EXIT_HYPERV_HCALL</c>: the exit structure is filled and the
    /// registers are untouched. Userspace writes <c>hcall.result</c>; the next KVM_RUN completes
    /// the call with <see cref="HyperVHypercallHandler.CompleteUserspace"/> (H-17).
    /// </summary>
    ExitToUserspace,

    /// <summary>Completed with the result userspace wrote (H-17): result in RAX (EDX:EAX), RIP advanced, one round trip counted.</summary>
    CompletedFromUserspace,

    /// <summary>#UD queued: CPL ≠ 0 or real mode (H-10), or XMM fast input without availability (H-14). No status, RIP not advanced.</summary>
    InjectUd,

    /// <summary>Hyper-V hypercalls are not enabled for the vCPU: VMCALL is KVM's own PV hypercall, outside this model.</summary>
    NotHyperV,
}
