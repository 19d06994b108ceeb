using NestedVirt.Memory;

namespace NestedVirt.Paging;

/// <summary>
/// A 1-D nested translation with an optional nested TLB in front: what L0 does to turn an L2 GPA
/// into an L1 GPA outside a 2-D walk (a hypercall's input GPA for the relay, R-03; KVM's
/// <c>translate_nested_gpa</c>). A TLB hit reads no entries.
/// </summary>
public static class NestedTranslation
{
    /// <summary>Translates <paramref name="l2Gpa"/> through L1's EPT/NPT.</summary>
    /// <param name="memory">L1's memory.</param>
    /// <param name="nested">L1's EPT/NPT.</param>
    /// <param name="l2Gpa">The L2 guest-physical address.</param>
    /// <param name="intent">The access (NPT adds user by itself).</param>
    /// <param name="caches">Caches whose nested TLB is consulted and filled, or null.</param>
    public static WalkResult Translate<TNested>(GuestMemory memory, in PagingConfig nested, ulong l2Gpa, AccessIntent intent,
        PagingCaches? caches = null)
        where TNested : struct, IPageTableFormat
    {
        if (memory is null)
            ThrowHelper.ThrowArgumentNull(nameof(memory));
        if (caches is null)
            return PageWalker.Walk<TNested>(memory, nested, l2Gpa, intent);

        caches.BindNested(nested.Root);
        var env = new NestedTables<TNested>(memory, in nested, caches, intent);
        if (env.TryTranslate(l2Gpa, intent, out ulong l1Address, out PageSize size))
            return new WalkResult(l1Address, 0, WalkStatus.Translated, size, 0, PageAccess.None, FaultStage.None, env.NestedEntriesRead);
        return env.Fault;
    }
}
