using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>
/// L2's own 4- or 5-level long-mode page tables (the guest dimension of a 2-D walk; SDM 3A 4.5,
/// 4.6): U/S checked per access, XD with EFER.NXE, supervisor writes honour R/W only with CR0.WP.
/// Faults are #PF error codes. SMEP, SMAP and protection keys are not modelled. AMD's reserved
/// bit 8 in a PML4E is left to <see cref="NptFormat"/>, since L2's tables are vendor-neutral here.
/// </summary>
public readonly struct X64GuestFormat : IPageTableFormat
{
    /// <inheritdoc/>
    public static FaultStage Stage => FaultStage.Guest;

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
        X64Entry.HasReservedBits(entry, level, config, amdTopLevelBit8: false);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PageAccess AccessOf(ulong entry, in PagingConfig config) => X64Entry.AccessOf(entry, config);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Permits(PageAccess granted, AccessIntent intent, in PagingConfig config)
    {
        bool user = (intent & AccessIntent.User) != 0;
        if (user && (granted & PageAccess.User) == 0) return false;
        // SDM 3A 4.6.1: supervisor writes to read-only pages fault only when CR0.WP = 1.
        if ((intent & AccessIntent.Write) != 0 && (granted & PageAccess.Write) == 0
            && (user || config.Has(PagingFeatures.WriteProtect)))
            return false;
        if ((intent & AccessIntent.Fetch) != 0 && (granted & PageAccess.Execute) == 0) return false;
        return true;
    }

    /// <summary>A linear address must be canonical: bits 63:47 (63:56 with 5 levels) all equal.</summary>
    public static bool IsAddressInRange(ulong address, int levels)
    {
        int width = 12 + (9 * levels);
        long signExtended = (long)(address << (64 - width)) >> (64 - width);
        return (ulong)signExtended == address;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AccessIntent Normalize(AccessIntent intent) => intent;

    /// <summary>The #PF error code: P, W/R, U/S, RSVD, I/D (SDM 3A 4.7).</summary>
    public static ulong FaultCode(WalkStatus status, AccessIntent intent, PageAccess granted) =>
        status is WalkStatus.Translated or WalkStatus.InvalidRoot ? 0 : X64Entry.ErrorCodeLow(status, intent);
}
