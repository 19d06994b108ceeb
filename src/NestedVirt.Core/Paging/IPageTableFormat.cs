namespace NestedVirt.Paging;

/// <summary>
/// One paging-structure entry format, as a zero-size struct whose static members the generic
/// walker calls (KVM compiles <c>paging_tmpl.h</c> once per PTTYPE with macros; we let the JIT
/// specialise <see cref="PageWalker"/> per format). Levels are numbered 5 (PML5) to 1 (PT).
/// </summary>
public interface IPageTableFormat
{
    /// <summary>Which dimension a fault in this format belongs to.</summary>
    static abstract FaultStage Stage { get; }

    /// <summary>The entry maps something (EPT: any of bits 2:0, E-01; x86-64: bit 0).</summary>
    static abstract bool IsPresent(ulong entry);

    /// <summary>
    /// A present entry the hardware refuses to use: reserved bits, and for EPT a bad XWR pattern or
    /// memory type (E-02..E-05, N-04). Called only for present entries.
    /// </summary>
    static abstract bool IsMisconfigured(ulong entry, int level, in PagingConfig config);

    /// <summary>The entry ends the walk: level 1, or bit 7 (page size) at level 2 or 3.</summary>
    static abstract bool IsLeaf(ulong entry, int level);

    /// <summary>Rights this one entry grants.</summary>
    static abstract PageAccess AccessOf(ulong entry, in PagingConfig config);

    /// <summary>Whether the combined rights allow the access.</summary>
    static abstract bool Permits(PageAccess granted, AccessIntent intent, in PagingConfig config);

    /// <summary>The accessed flag of this format (EPT bit 8, x86-64 bit 5).</summary>
    static abstract ulong AccessedBit { get; }

    /// <summary>The dirty flag of this format (EPT bit 9, x86-64 bit 6), leaves only.</summary>
    static abstract ulong DirtyBit { get; }

    /// <summary>Whether the walk may use <paramref name="address"/> (width of the levels; canonical form for linear addresses).</summary>
    static abstract bool IsAddressInRange(ulong address, int levels);

    /// <summary>The access as this format checks it (NPT adds <see cref="AccessIntent.User"/>, N-05).</summary>
    static abstract AccessIntent Normalize(AccessIntent intent);

    /// <summary>
    /// The fault information hardware would report: EPT-violation qualification, #NPF error code
    /// or #PF error code, from the status, the access and the rights combined so far.
    /// </summary>
    static abstract ulong FaultCode(WalkStatus status, AccessIntent intent, PageAccess granted);
}
