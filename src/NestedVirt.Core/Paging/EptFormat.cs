using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>
/// Intel EPT entries (SDM 3C 29.3.2, tables 29-1 to 29-6; spec 03 §1 and §3). Mode-based execute
/// control (bit 10), sub-page permissions and the verify/paging-write bits are not modelled: KVM
/// does not offer them to L1 either.
/// </summary>
public readonly struct EptFormat : IPageTableFormat
{
    private const ulong Xwr = 0b111;
    private const ulong LargePage = 1UL << 7;

    /// <inheritdoc/>
    public static FaultStage Stage => FaultStage.Nested;

    /// <inheritdoc/>
    public static ulong AccessedBit => 1UL << 8;

    /// <inheritdoc/>
    public static ulong DirtyBit => 1UL << 9;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPresent(ulong entry) => (entry & Xwr) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLeaf(ulong entry, int level) => level == 1 || (level <= 3 && (entry & LargePage) != 0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMisconfigured(ulong entry, int level, in PagingConfig config) =>
        // E-02..E-05 as one AND with the level's reserved mask and one bit of the 64-entry
        // memory-type/XWR table, both built per root (KVM is_rsvd_bits_set + is_bad_mt_xwr; the
        // rules are spelled out in ReservedBitMasks.ForEpt and PagingConfig.Ept).
        ((entry & config.ReservedBits(level, entry)) | ((config.BadMemoryTypeOrXwr >> (int)(entry & 63)) & 1)) != 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PageAccess AccessOf(ulong entry, in PagingConfig config) => (PageAccess)(entry & Xwr);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Permits(PageAccess granted, AccessIntent intent, in PagingConfig config)
    {
        // Qualification bits 2:0 and XWR share positions: read needs R, write W, fetch X (E-07).
        var needed = (PageAccess)((byte)intent & 0b111);
        return (granted & needed) == needed;
    }

    /// <inheritdoc/>
    public static bool IsAddressInRange(ulong address, int levels) => (address >> AddressBits(levels)) == 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AccessIntent Normalize(AccessIntent intent) => intent;

    /// <summary>
    /// Exit qualification (SDM 3C 29.3.3.2; spec 03 §4 and W-16's hardware rule): bits 2:0 the
    /// access, bits 5:3 the combined R/W/X, bit 7 when a linear address was being translated,
    /// bit 8 when that access was to the final address rather than a guest paging entry. An EPT
    /// misconfiguration has no qualification (0; Xen writes 0 as well).
    /// </summary>
    public static ulong FaultCode(WalkStatus status, AccessIntent intent, PageAccess granted)
    {
        if (status is WalkStatus.Misconfigured or WalkStatus.InvalidRoot or WalkStatus.Translated)
            return 0;
        ulong q = ((ulong)intent & 0b111) | (((ulong)granted & 0b111) << 3);
        if ((intent & AccessIntent.GuestLinear) != 0)
        {
            q |= 1UL << 7;
            if ((intent & AccessIntent.GuestPagingEntry) == 0)
                q |= 1UL << 8;
        }
        return q;
    }

    internal static int AddressBits(int levels) => Math.Min(12 + (9 * levels), 52);
}
