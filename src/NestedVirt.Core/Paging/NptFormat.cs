using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>
/// AMD nested page tables as L0 walks L1's NPT for L2 (APM 2 15.25; N-01..N-07): the
/// ordinary x86-64 format, every access checked as a user access (N-05: KVM's
/// <c>translate_nested_gpa</c> and Xen's <c>nsvm_hap_walk_L1_p2m</c> both add "user"), CR0.WP
/// ignored (N-02), A/D always maintained (N-06), faults reported as the #NPF error code.
/// </summary>
public readonly struct NptFormat : IPageTableFormat
{
    private const ulong FinalAddressFault = 1UL << 32;
    private const ulong GuestPageTableFault = 1UL << 33;

    /// <inheritdoc/>
    public static FaultStage Stage => FaultStage.Nested;

    /// <inheritdoc/>
    public static ulong AccessedBit => X64Entry.Accessed;

    /// <inheritdoc/>
    public static ulong DirtyBit => X64Entry.Dirty;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPresent(ulong entry) => (entry & X64Entry.Present) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLeaf(ulong entry, int level) => X64Entry.IsLeaf(entry, level);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMisconfigured(ulong entry, int level, in PagingConfig config) =>
        X64Entry.HasReservedBits(entry, level, config, amdTopLevelBit8: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PageAccess AccessOf(ulong entry, in PagingConfig config) => X64Entry.AccessOf(entry, config);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Permits(PageAccess granted, AccessIntent intent, in PagingConfig config)
    {
        // Always a user access (N-05), so U/S must be set at every level and R/W decides writes
        // whatever CR0.WP says.
        if ((granted & PageAccess.User) == 0) return false;
        if ((intent & AccessIntent.Write) != 0 && (granted & PageAccess.Write) == 0) return false;
        if ((intent & AccessIntent.Fetch) != 0 && (granted & PageAccess.Execute) == 0) return false;
        return true;
    }

    /// <inheritdoc/>
    // 12 + 9 bits per level, at most 52 (the same width EptFormat uses; written out here because an
    // SVM-only build has no EptFormat, B-01).
    public static bool IsAddressInRange(ulong address, int levels) => (address >> Math.Min(12 + (9 * levels), 52)) == 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AccessIntent Normalize(AccessIntent intent) => intent | AccessIntent.User;

    /// <summary>
    /// #NPF EXITINFO1 (N-07): P, RW, US (always), RSV, ID in bits 4:0, then bit 33 for a fault
    /// on a guest page-table access during a 2-D walk, otherwise bit 32 (the final address; KVM's
    /// <c>PFERR_GUEST_FINAL_MASK</c>, which the relay's 1-D translation also uses).
    /// </summary>
    public static ulong FaultCode(WalkStatus status, AccessIntent intent, PageAccess granted)
    {
        if (status is WalkStatus.Translated or WalkStatus.InvalidRoot)
            return 0;
        ulong code = X64Entry.ErrorCodeLow(status, intent | AccessIntent.User);
        code |= (intent & AccessIntent.GuestPagingEntry) != 0 ? GuestPageTableFault : FinalAddressFault;
        return code;
    }
}
