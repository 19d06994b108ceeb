namespace NestedVirt.Exits;

/// <summary>
/// What L0's own step of the routing decided (<c>nested_vmx_l0_wants_exit</c> /
/// <c>nested_svm_exit_special</c>): nothing, handle it, or keep it for the relay (D-05, R-06).
/// </summary>
internal enum L0Claim : byte
{
    /// <summary>L0 has no claim: ask L1 (VMX D-03, SVM CONTINUE).</summary>
    None = 0,

    /// <summary>L0 handles it (VMX true, SVM HOST).</summary>
    Handle = 1,

    /// <summary>The relay keeps the hypercall in L0 (also HOST on SVM).</summary>
    Relay = 2,
}
