using System.Runtime.CompilerServices;
using NestedVirt.Memory;

namespace NestedVirt.Paging;

/// <summary>
/// The two-dimensional walk (W-01, W-14): an L2 linear address through L2's own long-mode
/// tables, where every guest table address and the final guest-physical address are themselves
/// translated through L1's EPT or NPT. On a full miss an n-level guest over an m-level nested
/// table reads (n+1)(m+1) − 1 entries: 24 for 4/4, 35 for 5/5 (Bhargava et al., ASPLOS 2008).
/// </summary>
public static class TwoDimensionalWalker
{
    /// <summary>Translates an L2 linear address to an L1 guest-physical address.</summary>
    /// <typeparam name="TNested"><see cref="EptFormat"/> or <see cref="NptFormat"/>: L1's table format.</typeparam>
    /// <param name="memory">L1's memory, holding L1's EPT/NPT and (at their L1 addresses) L2's tables.</param>
    /// <param name="guest">L2's paging: CR3 is an L2 GPA (<see cref="PagingConfig.X64"/>).</param>
    /// <param name="nested">L1's EPT/NPT (<see cref="PagingConfig.Ept"/> / <see cref="PagingConfig.Npt"/>).</param>
    /// <param name="linearAddress">The L2 linear address.</param>
    /// <param name="intent">The access; <see cref="AccessIntent.User"/> for CPL 3.</param>
    /// <param name="state">Guest-dimension scratch: the guest entries used, at their L1 addresses.</param>
    /// <param name="caches">Nested TLB and paging-structure cache, or null for a cold walk every time.</param>
    /// <returns>
    /// On success the L1 GPA, the smaller of the two page sizes, the guest leaf level and the
    /// guest rights. A guest-stage fault reports the linear address and a #PF error code; a
    /// nested-stage fault reports the L2 GPA being translated and the EPT qualification / #NPF
    /// error code (bit 33 or qualification bit 8 clear for a guest-table access).
    /// </returns>
    public static WalkResult Walk<TNested>(GuestMemory memory, in PagingConfig guest, in PagingConfig nested,
        ulong linearAddress, AccessIntent intent, ref WalkState state, PagingCaches? caches = null)
        where TNested : struct, IPageTableFormat
    {
        if (memory is null)
            ThrowHelper.ThrowArgumentNull(nameof(memory));
        caches?.Bind(guest.Root, nested.Root);

        // Reads of guest paging entries count as writes to L1's table when the nested dimension
        // keeps A/D bits: EPT with EPTP[6] (E-08), NPT always (N-06, KVM's
        // PFERR_NESTED_GUEST_PAGE = bit 33 | write | present).
        var tableIntent = AccessIntent.Read | AccessIntent.GuestLinear | AccessIntent.GuestPagingEntry;
        if (nested.Has(PagingFeatures.AccessedDirty))
            tableIntent |= AccessIntent.Write;

        // The guest walk translates the final L2 GPA itself, before it sets the guest's A/D bits
        // (NestedTables.TryFinish, W-14), so its result is the 2-D result.
        var env = new NestedTables<TNested>(memory, in nested, caches, tableIntent);
        return PageWalker.WalkCore<X64GuestFormat, NestedTables<TNested>>(memory, guest, linearAddress, intent, ref env, ref state);
    }

    /// <summary>As the overload with state, keeping the state on this method's stack.</summary>
    public static WalkResult Walk<TNested>(GuestMemory memory, in PagingConfig guest, in PagingConfig nested,
        ulong linearAddress, AccessIntent intent, PagingCaches? caches = null)
        where TNested : struct, IPageTableFormat
    {
        // The walker writes every slot it later reads, so the state need not be zeroed.
        Unsafe.SkipInit(out WalkState state);
        return Walk<TNested>(memory, guest, nested, linearAddress, intent, ref state, caches);
    }
}
