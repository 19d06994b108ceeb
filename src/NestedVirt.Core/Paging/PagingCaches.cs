namespace NestedVirt.Paging;

/// <summary>
/// The translation caches a 2-D walk may use: a nested TLB and a paging-structure cache, both
/// tied to one pair of roots. Binding to different roots flushes them, as a new EPTP / nCR3 or
/// CR3 would.
/// </summary>
public sealed class PagingCaches
{
    private ulong guestRoot = ulong.MaxValue;
    private ulong nestedRoot = ulong.MaxValue;

    /// <summary>Creates caches of the given sizes.</summary>
    /// <param name="nestedTlbEntries">Nested TLB capacity (power of two).</param>
    /// <param name="pagingStructureEntriesPerLevel">Paging-structure cache capacity per level (power of two).</param>
    public PagingCaches(int nestedTlbEntries = 64, int pagingStructureEntriesPerLevel = 32)
    {
        NestedTlb = new NestedTlb(nestedTlbEntries);
        PagingStructures = new PagingStructureCache(pagingStructureEntriesPerLevel);
    }

    /// <summary>L2 GPA page to L1 GPA page.</summary>
    public NestedTlb NestedTlb { get; }

    /// <summary>Upper guest levels.</summary>
    public PagingStructureCache PagingStructures { get; }

    /// <summary>Drops everything (INVEPT all-context / INVLPGA of everything).</summary>
    public void Flush()
    {
        NestedTlb.Flush();
        PagingStructures.Flush();
    }

    /// <summary>Zeroes every hit and miss count.</summary>
    public void ResetCounts()
    {
        NestedTlb.ResetCounts();
        PagingStructures.ResetCounts();
    }

    /// <summary>Flushes the nested TLB when L1's root differs from the one it was filled under.</summary>
    internal void BindNested(ulong nested)
    {
        if (nested == nestedRoot)
            return;
        NestedTlb.Flush();
        nestedRoot = nested;
    }

    /// <summary>Flushes when either root differs from the one the caches were filled under.</summary>
    internal void Bind(ulong guest, ulong nested)
    {
        if (guest == guestRoot && nested == nestedRoot)
            return;
        Flush();
        guestRoot = guest;
        nestedRoot = nested;
    }
}
