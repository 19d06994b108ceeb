using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>
/// Bit rules shared by the two x86-64 entry formats (AMD nested tables and L2's own tables): the
/// same layout (SDM 3A 4.5, APM 2 5.3.3; N-03, N-04), different access rules.
/// </summary>
internal static class X64Entry
{
    public const ulong Present = 1UL << 0;
    public const ulong Writable = 1UL << 1;
    public const ulong UserBit = 1UL << 2;
    public const ulong Accessed = 1UL << 5;
    public const ulong Dirty = 1UL << 6;
    public const ulong PageSize = 1UL << 7;
    public const ulong AmdTopLevelBit8 = 1UL << 8;
    public const ulong NoExecute = 1UL << 63;
    // Large leaves keep PAT in bit 12, so the reserved range starts at bit 13 (N-04).
    private const ulong Leaf1GReserved = 0x3FFFE000;  // bits 29:13
    private const ulong Leaf2MReserved = 0x1FE000;    // bits 20:13

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLeaf(ulong entry, int level) => level == 1 || (level <= 3 && (entry & PageSize) != 0);

    /// <summary>
    /// Reserved bits of a present entry. <paramref name="amdTopLevelBit8"/> adds AMD's rule that
    /// bit 8 of a PML4E/PML5E is reserved (KVM <c>mmu.c</c>, reserved masks for AMD; N-04).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasReservedBits(ulong entry, int level, in PagingConfig config, bool amdTopLevelBit8)
    {
        // Early returns rather than a switch expression: inlined into the walk loop, each test
        // becomes a branch instead of a materialised bool that is tested again.
        if ((entry & config.ReservedAddressMask) != 0)
            return true;
        if ((entry & NoExecute) != 0 && !config.Has(PagingFeatures.NoExecute))
            return true;
        if (level >= 4)
            return (entry & (amdTopLevelBit8 ? PageSize | AmdTopLevelBit8 : PageSize)) != 0;
        if (level == 1 || (entry & PageSize) == 0)
            return false;
        if (level == 3)
            return !config.Has(PagingFeatures.Pages1G) || (entry & Leaf1GReserved) != 0;
        return (entry & Leaf2MReserved) != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PageAccess AccessOf(ulong entry, in PagingConfig config)
    {
        var access = PageAccess.Read;
        if ((entry & Writable) != 0) access |= PageAccess.Write;
        if ((entry & UserBit) != 0) access |= PageAccess.User;
        if ((entry & NoExecute) == 0 || !config.Has(PagingFeatures.NoExecute)) access |= PageAccess.Execute;
        return access;
    }

    /// <summary>x86 page-fault error bits 0 (P), 1 (W), 2 (U), 3 (RSVD), 4 (I/D) (SDM 3A 4.7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ErrorCodeLow(WalkStatus status, AccessIntent intent)
    {
        ulong code = 0;
        if (status != WalkStatus.NotPresent) code |= 1UL << 0;
        if ((intent & AccessIntent.Write) != 0) code |= 1UL << 1;
        if ((intent & AccessIntent.User) != 0) code |= 1UL << 2;
        if (status == WalkStatus.Misconfigured) code |= 1UL << 3;
        if ((intent & AccessIntent.Fetch) != 0) code |= 1UL << 4;
        return code;
    }
}
