namespace NestedVirt.Paging;

/// <summary>
/// What an access wants from a translation, and where it comes from. The low three bits follow
/// the EPT-violation exit qualification bits 2:0 (read, write, fetch; SDM 3C 29.3.3.2), so they
/// can be copied into it unchanged.
/// </summary>
[Flags]
public enum AccessIntent : byte
{
    /// <summary>A data read.</summary>
    Read = 1,

    /// <summary>A data write.</summary>
    Write = 2,

    /// <summary>An instruction fetch.</summary>
    Fetch = 4,

    /// <summary>A user-mode access (CPL 3). Nested NPT walks add it always (N-05).</summary>
    User = 8,

    /// <summary>
    /// The guest-physical address came from translating a guest linear address (a 2-D walk):
    /// EPT-violation qualification bit 7.
    /// </summary>
    GuestLinear = 16,

    /// <summary>
    /// The access is to a guest paging-structure entry during a 2-D walk, not to the final
    /// address: qualification bit 8 clear (EPT), #NPF error bit 33 instead of 32 (NPT).
    /// </summary>
    GuestPagingEntry = 32,
}
