using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// The two-dimensional walk on the hand-laid <see cref="TwoDimensionalLayout"/>: W-01 (reference
/// counts), W-02 (caches), W-14 (order of the final translation and the guest A/D bits), E-08,
/// N-05, N-06 and N-07 where a guest page-table access and a final access differ.
/// </summary>
public sealed class TwoDimensionalWalkTests
{
    private const ulong Final = 1UL << 32;
    private const ulong GuestTable = 1UL << 33;

    public static TheoryData<bool, int, int, int> Counts => new()
    {
        // (EPT?, guest levels n, nested levels m, references on a full miss) from the W-01 table.
        { true, 4, 4, 24 }, { true, 4, 5, 29 }, { true, 5, 4, 29 }, { true, 5, 5, 35 },
        { false, 4, 4, 24 }, { false, 4, 5, 29 }, { false, 5, 4, 29 }, { false, 5, 5, 35 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void W01_FullMissReadsTheSpecsReferenceCount(bool ept, int n, int m, int references)
    {
        var layout = new TwoDimensionalLayout(ept, n, m);
        for (int repeat = 0; repeat < 3; repeat++)
        {
            // Without caches every walk is a full miss, however often it is repeated.
            WalkResult r = layout.Walk(AccessIntent.Read);
            Assert.Equal(WalkStatus.Translated, r.Status);
            Assert.Equal(TwoDimensionalLayout.DataL1 | TwoDimensionalLayout.Offset, r.Address);
            Assert.Equal(references, r.EntriesRead);
            Assert.Equal(PageSize.Size4K, r.PageSize);
            Assert.Equal(1, r.Level);
            Assert.Equal(PageAccess.All, r.Permissions);
            Assert.Equal(FaultStage.None, r.Stage);
        }
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void W01_WarmCachesSkipUpperGuestLevelsAndNestedWalks(bool ept, int n, int m, int references)
    {
        var layout = new TwoDimensionalLayout(ept, n, m);
        var caches = new PagingCaches();
        ulong neighbour = layout.Linear + 0x1000;

        // Cold: a full miss; the PDE-level cache misses once, the nested TLB once per guest table
        // page and once for the data page.
        WalkResult cold = layout.Walk(AccessIntent.Read, caches: caches);
        Assert.Equal(references, cold.EntriesRead);
        AssertCounters(caches, psHits: 0, psMisses: 1, tlbHits: 0, tlbMisses: n + 1);

        // Same address: the walk resumes at the PT (paging-structure cache hit), the PT page and the
        // data page come from the nested TLB: one guest PTE read and nothing else.
        WalkResult warm = layout.Walk(AccessIntent.Read, caches: caches);
        Assert.Equal(cold.Address, warm.Address);
        Assert.Equal(1, warm.EntriesRead);
        AssertCounters(caches, psHits: 1, psMisses: 1, tlbHits: 2, tlbMisses: n + 1);

        // The neighbouring 4K page shares the PT: one PTE read plus a nested walk for the new data page.
        WalkResult next = layout.Walk(AccessIntent.Read, caches: caches, linear: neighbour);
        Assert.Equal(TwoDimensionalLayout.DataL1 + 0x1000 | TwoDimensionalLayout.Offset, next.Address);
        Assert.Equal(1 + m, next.EntriesRead);
        AssertCounters(caches, psHits: 2, psMisses: 1, tlbHits: 3, tlbMisses: n + 2);

        Assert.Equal(1, layout.Walk(AccessIntent.Read, caches: caches, linear: neighbour).EntriesRead);
        AssertCounters(caches, psHits: 3, psMisses: 1, tlbHits: 5, tlbMisses: n + 2);

        // A cached read translation does not serve a write while D is unknown (A/D on): one more nested walk.
        Assert.Equal(1 + m, layout.Walk(AccessIntent.Write, caches: caches, linear: neighbour).EntriesRead);
        Assert.Equal(1, layout.Walk(AccessIntent.Write, caches: caches, linear: neighbour).EntriesRead);

        // Flush restores the cold count.
        caches.Flush();
        caches.ResetCounts();
        Assert.Equal(references, layout.Walk(AccessIntent.Read, caches: caches).EntriesRead);
        AssertCounters(caches, psHits: 0, psMisses: 1, tlbHits: 0, tlbMisses: n + 1);
        Assert.Equal(1, layout.Walk(AccessIntent.Read, caches: caches).EntriesRead);

        // A different guest root (same tables, CR3 with PWT) flushes on bind.
        PagingConfig otherGuest = layout.Guest(cr3Low: 0x8);
        Assert.Equal(references, Walk(layout, otherGuest, layout.Nested(), caches).EntriesRead);
        Assert.Equal(1, Walk(layout, otherGuest, layout.Nested(), caches).EntriesRead);

        // A different nested root flushes too (EPT: EPTP without A/D; NPT: nCR3 with PWT).
        PagingConfig otherNested = ept ? layout.Nested(accessedDirty: false) : layout.Nested(rootLow: 0x8);
        Assert.Equal(references, Walk(layout, otherGuest, otherNested, caches).EntriesRead);
        Assert.Equal(1, Walk(layout, otherGuest, otherNested, caches).EntriesRead);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void W01_FaultingWalksCountTheReadsMadeSoFar(bool ept)
    {
        const int n = 4, m = 4;
        var layout = new TwoDimensionalLayout(ept, n, m);

        // Final address not mapped: all n guest levels (n(m+1)) plus the m reads of the failed nested walk.
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2, 0);
        Assert.Equal((n * (m + 1)) + m, layout.Walk(AccessIntent.Read).EntriesRead);

        // Guest PDPT page not mapped: the PML4E level (m+1) plus the failed nested walk (m).
        layout = new TwoDimensionalLayout(ept, n, m);
        layout.SetNestedLeaf(TwoDimensionalLayout.GuestTableL2(3), 0);
        Assert.Equal((m + 1) + m, layout.Walk(AccessIntent.Read).EntriesRead);

        // Guest PTE not present: every guest level and its nested walk.
        layout = new TwoDimensionalLayout(ept, n, m);
        layout.SetGuestEntry(1, 0);
        Assert.Equal(n * (m + 1), layout.Walk(AccessIntent.Read).EntriesRead);
    }

    [Fact]
    public void E08_GuestPagingEntryAccessesAreWritesWithEptAccessedDirty()
    {
        var layout = new TwoDimensionalLayout(ept: true, guestLevels: 4, nestedLevels: 4);
        // The guest PD page is read-only in L1's EPT.
        layout.SetNestedLeaf(TwoDimensionalLayout.GuestTableL2(2), TwoDimensionalLayout.GuestTableL1(2) | 0x30 | 0b001);

        // With EPTP[6]: a violation on the guest paging entry. Qualification: bits 0 and 1 (SDM 3C
        // 29.3.3.2 sets both for a guest paging-structure access treated as a write), R only in
        // bits 5:3, bit 7 (linear address valid), bit 8 clear (not the final address).
        WalkResult r = layout.Walk(AccessIntent.Read, accessedDirty: true);
        Assert.Equal(WalkStatus.PermissionFault, r.Status);
        Assert.Equal(FaultStage.Nested, r.Stage);
        Assert.Equal(layout.GuestEntryL2(2), r.Address);
        Assert.Equal(0x3UL | (0b001 << 3) | 0x80, r.FaultCode);

        // Without EPTP[6] the same access is a read, which the entry allows.
        Assert.Equal(WalkStatus.Translated, layout.Walk(AccessIntent.Read, accessedDirty: false).Status);

        // With EPTP[6] a successful walk sets D in the EPT leaves of guest table pages.
        layout = new TwoDimensionalLayout(ept: true, guestLevels: 4, nestedLevels: 4);
        Assert.True(layout.Walk(AccessIntent.Read, accessedDirty: true).IsTranslated);
        for (int level = 1; level <= 4; level++)
            Assert.Equal(TwoDimensionalLayout.GuestTableL1(level) | TwoDimensionalLayout.EptLeafRights | (3UL << 8),
                layout.Read(TwoDimensionalLayout.NestedLeafAddress(TwoDimensionalLayout.GuestTableL2(level))));
        // The data page was read: A only.
        Assert.Equal(TwoDimensionalLayout.DataL1 | TwoDimensionalLayout.EptLeafRights | (1UL << 8),
            layout.Read(TwoDimensionalLayout.NestedLeafAddress(TwoDimensionalLayout.DataL2)));
    }

    [Fact]
    public void Section4_GuestTableViolationClearsBit8AndFinalViolationSetsIt()
    {
        var layout = new TwoDimensionalLayout(ept: true, guestLevels: 4, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.GuestTableL2(3), 0);
        WalkResult table = layout.Walk(AccessIntent.Read, accessedDirty: false);
        Assert.Equal(WalkStatus.NotPresent, table.Status);
        Assert.Equal(layout.GuestEntryL2(3), table.Address);
        Assert.Equal(0x1UL | 0x80, table.FaultCode);

        layout = new TwoDimensionalLayout(ept: true, guestLevels: 4, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2, 0);
        foreach (var (intent, access) in new[] { (AccessIntent.Read, 0x1UL), (AccessIntent.Write, 0x2UL), (AccessIntent.Fetch, 0x4UL) })
        {
            WalkResult final = layout.Walk(intent | AccessIntent.User, accessedDirty: true);
            Assert.Equal(WalkStatus.NotPresent, final.Status);
            Assert.Equal(TwoDimensionalLayout.DataL2 | TwoDimensionalLayout.Offset, final.Address);
            Assert.Equal(access | 0x80 | 0x100, final.FaultCode);
        }
    }

    [Fact]
    public void N05_GuestTableAndFinalTranslationsNeedUserInNpt()
    {
        // Guest table page without U/S in the NPT: its (write, N-06) access is a user access.
        var layout = new TwoDimensionalLayout(ept: false, guestLevels: 4, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.GuestTableL2(4), TwoDimensionalLayout.GuestTableL1(4) | 0b011);
        WalkResult r = layout.Walk(AccessIntent.Read);
        Assert.Equal(WalkStatus.PermissionFault, r.Status);
        Assert.Equal(layout.GuestEntryL2(4), r.Address);
        Assert.Equal(0x7UL | GuestTable, r.FaultCode);

        // Data page without U/S: even a supervisor read of L2 is a user access for the NPT.
        layout = new TwoDimensionalLayout(ept: false, guestLevels: 4, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2, TwoDimensionalLayout.DataL1 | 0b011);
        r = layout.Walk(AccessIntent.Read);
        Assert.Equal(WalkStatus.PermissionFault, r.Status);
        Assert.Equal(TwoDimensionalLayout.DataL2 | TwoDimensionalLayout.Offset, r.Address);
        Assert.Equal(0x5UL | Final, r.FaultCode);
    }

    [Fact]
    public void N06_GuestPageTablesMustBeWritableInNpt()
    {
        var layout = new TwoDimensionalLayout(ept: false, guestLevels: 5, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.GuestTableL2(1), TwoDimensionalLayout.GuestTableL1(1) | 0b101);
        byte[] before = layout.Snapshot();

        // Even a read through L2's tables: KVM's PFERR_NESTED_GUEST_PAGE = bit 33 | write | present (+ US).
        WalkResult r = layout.Walk(AccessIntent.Read);
        Assert.Equal(WalkStatus.PermissionFault, r.Status);
        Assert.Equal(layout.GuestEntryL2(1), r.Address);
        Assert.Equal(0x7UL | GuestTable, r.FaultCode);

        // The guest entries above were read but the walk failed: no A in L2's tables.
        for (int level = 5; level >= 2; level--)
            Assert.Equal(BitConverter.ToUInt64(before, (int)layout.GuestEntryL1(level)), layout.Read(layout.GuestEntryL1(level)));
    }

    [Theory]
    [InlineData(AccessIntent.Read, 0x4UL)]
    [InlineData(AccessIntent.Write, 0x6UL)]
    [InlineData(AccessIntent.Fetch, 0x14UL)]
    public void N07_GuestTableFaultSetsBit33AndFinalFaultSetsBit32(AccessIntent intent, ulong finalLow)
    {
        var layout = new TwoDimensionalLayout(ept: false, guestLevels: 4, nestedLevels: 5);
        layout.SetNestedLeaf(TwoDimensionalLayout.GuestTableL2(2), 0);
        WalkResult table = layout.Walk(intent);
        Assert.Equal(WalkStatus.NotPresent, table.Status);
        Assert.Equal(layout.GuestEntryL2(2), table.Address);
        // Guest page-table accesses are writes whatever the guest's access (N-06): RW | US | bit 33.
        Assert.Equal(0x6UL | GuestTable, table.FaultCode);

        layout = new TwoDimensionalLayout(ept: false, guestLevels: 4, nestedLevels: 5);
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2, 0);
        WalkResult final = layout.Walk(intent);
        Assert.Equal(WalkStatus.NotPresent, final.Status);
        Assert.Equal(TwoDimensionalLayout.DataL2 | TwoDimensionalLayout.Offset, final.Address);
        Assert.Equal(finalLow | Final, final.FaultCode);
    }

    [Fact]
    public void GuestFaultIsAGuestStagePageFaultAtTheLinearAddress()
    {
        var layout = new TwoDimensionalLayout(ept: true, guestLevels: 4, nestedLevels: 4);
        layout.SetGuestEntry(1, 0);
        WalkResult r = layout.Walk(AccessIntent.Write | AccessIntent.User);
        Assert.Equal(WalkStatus.NotPresent, r.Status);
        Assert.Equal(FaultStage.Guest, r.Stage);
        Assert.Equal(layout.Linear, r.Address);
        Assert.Equal(0x6UL, r.FaultCode);            // #PF: W/R | U/S, P = 0 (SDM 3A 4.7)

        layout = new TwoDimensionalLayout(ept: false, guestLevels: 4, nestedLevels: 4);
        layout.SetGuestEntry(2, TwoDimensionalLayout.GuestTableL2(1) | TwoDimensionalLayout.X64Rights | (1UL << 63));
        r = layout.Walk(AccessIntent.Read);
        Assert.Equal(WalkStatus.Translated, r.Status);   // NX in a PDE only matters for fetches
        r = layout.Walk(AccessIntent.Fetch);
        Assert.Equal(WalkStatus.PermissionFault, r.Status);
        Assert.Equal(FaultStage.Guest, r.Stage);
        Assert.Equal(0x11UL, r.FaultCode);           // P | I/D
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void W14_GuestAccessedDirtyBitsAreSetOnlyAfterTheFinalTranslation(bool ept)
    {
        var layout = new TwoDimensionalLayout(ept, guestLevels: 4, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2, 0);
        var guestEntries = new ulong[5];
        for (int level = 4; level >= 1; level--)
            guestEntries[level] = layout.Read(layout.GuestEntryL1(level));

        // The guest walk succeeds but the final L2 GPA does not translate: no A/D in L2's tables.
        WalkResult r = layout.Walk(AccessIntent.Write);
        Assert.Equal(WalkStatus.NotPresent, r.Status);
        Assert.Equal(FaultStage.Nested, r.Stage);
        for (int level = 4; level >= 1; level--)
            Assert.True(guestEntries[level] == layout.Read(layout.GuestEntryL1(level)), $"guest level {level} changed by a failed walk");

        // Once it translates: A at every guest level, D in the guest leaf of a write.
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2, TwoDimensionalLayout.DataL1 | (ept ? TwoDimensionalLayout.EptLeafRights : TwoDimensionalLayout.X64Rights));
        Assert.True(layout.Walk(AccessIntent.Write).IsTranslated);
        for (int level = 4; level >= 2; level--)
            Assert.Equal(guestEntries[level] | 0x20, layout.Read(layout.GuestEntryL1(level)));
        Assert.Equal(guestEntries[1] | 0x60, layout.Read(layout.GuestEntryL1(1)));
    }

    private static WalkResult Walk(TwoDimensionalLayout layout, in PagingConfig guest, in PagingConfig nested, PagingCaches caches) =>
        layout.Ept
            ? TwoDimensionalWalker.Walk<EptFormat>(layout.Memory, guest, nested, layout.Linear, AccessIntent.Read, caches)
            : TwoDimensionalWalker.Walk<NptFormat>(layout.Memory, guest, nested, layout.Linear, AccessIntent.Read, caches);

    private static void AssertCounters(PagingCaches caches, long psHits, long psMisses, long tlbHits, long tlbMisses)
    {
        Assert.Equal((psHits, psMisses, tlbHits, tlbMisses),
            (caches.PagingStructures.Hits, caches.PagingStructures.Misses, caches.NestedTlb.Hits, caches.NestedTlb.Misses));
    }
}
