namespace NestedVirt.Paging;

/// <summary>
/// Outcome of a walk. Every malformed or missing guest structure is one of these, never an
/// exception; each member says what the caller (L0) does next.
/// </summary>
public enum WalkStatus : byte
{
    /// <summary>Translated: <see cref="WalkResult.Address"/> is the output address. Use it.</summary>
    Translated = 0,

    /// <summary>
    /// An entry on the path was not present. Nested stage: deliver an EPT violation (exit 48) or
    /// #VMEXIT(NPF) with P = 0 to L1. Guest stage: the guest takes #PF.
    /// </summary>
    NotPresent = 1,

    /// <summary>
    /// Every entry was present but the combined rights do not allow the access. Nested: EPT
    /// violation / #NPF with P = 1 to L1. Guest: #PF with P = 1.
    /// </summary>
    PermissionFault = 2,

    /// <summary>
    /// A present entry had a reserved bit, a W-without-R or unsupported execute-only pattern, or
    /// an invalid memory type. Nested: EPT misconfiguration (exit 49) / #NPF with RSV. Guest: #PF
    /// with RSVD.
    /// </summary>
    Misconfigured = 3,

    /// <summary>
    /// A table (or the final address, for a 2-D walk's table reads) lies outside L1's memory.
    /// Xen's <c>NESTEDHVM_PAGEFAULT_L1_ERROR</c>; KVM would inject a violation, Xen's nested EPT
    /// walker reports a misconfiguration (N-04a). L0 decides by policy.
    /// </summary>
    TableOutsideMemory = 4,

    /// <summary>
    /// The input address is wider than the walk covers (beyond the levels' reach or 52 bits; a
    /// non-canonical linear address). L0 treats it as a violation (GPA) or #GP (linear).
    /// </summary>
    AddressTooWide = 5,

    /// <summary>
    /// The root (EPTP, nCR3, CR3) is invalid: reserved bits, an unsupported memory type or walk
    /// length. Real hardware rejects it at VM entry (KVM <c>nested_vmx_check_eptp</c>), so the walk
    /// never starts; L0 fails L1's VM entry.
    /// </summary>
    InvalidRoot = 6,
}
