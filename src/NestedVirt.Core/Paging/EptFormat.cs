using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>
/// Intel EPT entries (SDM 3C 29.3.2, tables 29-1 to 29-6; model 03 §1 and §3). Mode-based execute
/// control (bit 10), sub-page permissions and the verify/paging-write bits are not modelled: KVM
/// does not offer them to L1 either.
/// </summary>
public readonly struct EptFormat : IPageTableFormat
{
    private const ulong Xwr = 0b111;
    private const ulong LargePage = 1UL << 7;
    private const ulong MemoryTypeShift = 3;
    // Non-leaf PML5E/PML4E: bits 7:3 must be 0 (KVM __reset_rsvds_bits_mask_ept, levels 5 and 4).
    private const ulong TopLevelReserved = 0xF8;
    // Non-leaf PDPTE/PDE: bits 6:3 (memory type and ignore-PAT have no meaning above a leaf).
    private const ulong NonLeafReserved = 0x78;
    private const ulong Leaf1GReserved = 0x3FFFF000;  // bits 29:12
    private const ulong Leaf2MReserved = 0x1FF000;    // bits 20:12

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

    /// <summary>
    /// E-02..E-05. E-02..E-04 are read from one 64-bit table indexed by the entry's low six bits
    /// (memory type and XWR), as KVM's <c>bad_mt_xwr</c> (<c>is_rsvd_bits_set</c> in
    /// <c>paging_tmpl.h</c>, E-05): <see cref="BadMemoryTypeOrXwr"/> is built from
    /// <see cref="HasBadXwr"/> and <see cref="HasBadMemoryType"/>, and a test pins that. The table
    /// is applied at every level, as KVM applies it: bits 5:3 of a non-leaf entry are reserved
    /// (E-05), so a memory type there is a misconfiguration either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMisconfigured(ulong entry, int level, in PagingConfig config) =>
        // C#'s shift of a ulong uses the count's low six bits: the entry's bits 5:0.
        ((BadMemoryTypeOrXwr(config) >> (int)entry) & 1) != 0 || HasReservedBits(entry, level, config);

    /// <summary>
    /// Bit i set when an entry whose bits 5:0 equal i is refused by E-02..E-04 (present entries
    /// only): XWR 010 or 110, XWR 100 unless execute-only is offered, memory type 2, 3 or 7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong BadMemoryTypeOrXwr(in PagingConfig config) =>
        config.Has(PagingFeatures.ExecuteOnly) ? BadMemoryTypeOrXwrWithExecuteOnly : BadMemoryTypeOrXwrWithoutExecuteOnly;

    // Memory types 2, 3, 7 (bytes 2, 3, 7 all ones); XWR 2 and 6 (0x44 in every other byte), and
    // 4 as well (0x54) without execute-only.
    private const ulong BadMemoryTypeOrXwrWithExecuteOnly = 0xFF44_4444_FFFF_4444;
    private const ulong BadMemoryTypeOrXwrWithoutExecuteOnly = 0xFF54_5454_FFFF_5454;

    /// <summary>
    /// E-02/E-03: write without read (XWR 010, 110) at any level, or execute-only (100) when L0
    /// does not offer it (SDM 3C 29.3.3.1; Xen <c>nested_ept.c</c> <c>rwx_bits</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasBadXwr(ulong entry, in PagingConfig config)
    {
        ulong xwr = entry & Xwr;
        return (xwr & 0b011) == 0b010 || (xwr == 0b100 && !config.Has(PagingFeatures.ExecuteOnly));
    }

    /// <summary>E-04: a leaf's memory type (bits 5:3) is 2, 3 or 7, which the SDM leaves undefined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasBadMemoryType(ulong entry)
    {
        ulong type = (entry >> (int)MemoryTypeShift) & 7;
        return type is 2 or 3 or 7;
    }

    /// <summary>E-05: reserved bits for the entry's level and kind, plus address bits 51:M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasReservedBits(ulong entry, int level, in PagingConfig config)
    {
        // Early returns rather than a switch expression: inlined into the walk loop, each test
        // becomes a branch instead of a materialised bool that is tested again.
        if ((entry & config.ReservedAddressMask) != 0)
            return true;
        if (level >= 4)
            return (entry & TopLevelReserved) != 0;
        if (level == 1)
            return false;
        if ((entry & LargePage) == 0)
            return (entry & NonLeafReserved) != 0;
        if (level == 3)
            return !config.Has(PagingFeatures.Pages1G) || (entry & Leaf1GReserved) != 0;
        return !config.Has(PagingFeatures.Pages2M) || (entry & Leaf2MReserved) != 0;
    }

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
    /// Exit qualification (SDM 3C 29.3.3.2; model 03 §4 and W-16's hardware rule): bits 2:0 the
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
