using NestedVirt.Memory;
using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// A hand-laid 2-D setup in 16 MiB of L1 memory, written without the core's builders so the
/// expected numbers do not come from code under test.
/// <list type="bullet">
/// <item>L1's EPT/NPT: one table per level, the level-l table at L1 GPA l × 4 KiB; every L2 GPA
/// used lies below 2 MiB, so all nested walks share that one path and differ in the PT index.</item>
/// <item>L2's tables: the level-l table at L2 GPA 0x100000 + (l−1) × 4 KiB, stored at L1 GPA
/// 0x400000 + (l−1) × 4 KiB (the nested PT maps those pages 1:1 with a 0x300000 shift).</item>
/// <item>Two data pages: the linear page <see cref="Linear"/> maps to L2 GPA 0x130000 (L1
/// 0x800000); the next linear page maps to L2 0x131000 (L1 0x801000).</item>
/// </list>
/// Nested-TLB slots (L2 page &amp; 63) are 0..4 for the tables and 48, 49 for the data: no collisions.
/// </summary>
internal sealed class TwoDimensionalLayout
{
    public const ulong GuestTablesL2 = 0x10_0000;
    public const ulong GuestTablesL1 = 0x40_0000;
    public const ulong DataL2 = 0x13_0000;
    public const ulong DataL1 = 0x80_0000;
    public const ulong Offset = 0x9A8;
    public const ulong EptLeafRights = 0x30 | 0b111;   // WB, RWX
    public const ulong X64Rights = 0b111;              // P, RW, US

    public TwoDimensionalLayout(bool ept, int guestLevels, int nestedLevels)
    {
        Ept = ept;
        GuestLevels = guestLevels;
        NestedLevels = nestedLevels;
        Memory = new GuestMemory(16 << 20);
        // 4 levels: bits 47..12 = 0x7F12_3456_7; 5 levels add index 0x0FF at level 5 (bits 56:48).
        Linear = (guestLevels == 5 ? 0x00FF_0000_0000_0000UL : 0) | 0x0000_7F12_3456_7000UL | Offset;

        for (int level = nestedLevels; level >= 2; level--)
            Write(NestedTable(level), (ulong)(level - 1) << 12 | (ept ? 0b111UL : X64Rights));
        for (int level = 1; level <= guestLevels; level++)
            SetNestedLeaf(GuestTableL2(level), GuestTableL1(level) | (ept ? EptLeafRights : X64Rights));
        SetNestedLeaf(DataL2, DataL1 | (ept ? EptLeafRights : X64Rights));
        SetNestedLeaf(DataL2 + 0x1000, DataL1 + 0x1000 | (ept ? EptLeafRights : X64Rights));

        for (int level = guestLevels; level >= 2; level--)
            SetGuestEntry(level, GuestTableL2(level - 1) | X64Rights);
        SetGuestEntry(1, DataL2 | X64Rights);
        Write(GuestTableL1(1) + (Index(Linear + 0x1000, 1) * 8), (DataL2 + 0x1000) | X64Rights);
    }

    public bool Ept { get; }
    public int GuestLevels { get; }
    public int NestedLevels { get; }
    public GuestMemory Memory { get; }
    public ulong Linear { get; }

    /// <summary>L1 GPA of the nested table at <paramref name="level"/> (all nested walks use index 0 above the PT).</summary>
    public static ulong NestedTable(int level) => (ulong)level << 12;

    public static ulong GuestTableL2(int level) => GuestTablesL2 + ((ulong)(level - 1) << 12);

    public static ulong GuestTableL1(int level) => GuestTablesL1 + ((ulong)(level - 1) << 12);

    public static ulong Index(ulong address, int level) => (address >> (12 + (9 * (level - 1)))) & 511;

    /// <summary>L2 GPA of the guest entry read at <paramref name="level"/> for <see cref="Linear"/>.</summary>
    public ulong GuestEntryL2(int level) => GuestTableL2(level) + (Index(Linear, level) * 8);

    public ulong GuestEntryL1(int level) => GuestTableL1(level) + (Index(Linear, level) * 8);

    /// <summary>L1 GPA of the nested PTE that maps L2 page <paramref name="l2Gpa"/>.</summary>
    public static ulong NestedLeafAddress(ulong l2Gpa) => NestedTable(1) + (((l2Gpa >> 12) & 511) * 8);

    public ulong Cr3 => GuestTableL2(GuestLevels);

    public PagingConfig Guest(ulong cr3Low = 0) => PagingConfig.X64(Cr3 | cr3Low, GuestLevels);

    public PagingConfig Nested(bool accessedDirty = true, ulong rootLow = 0)
    {
        ulong root = NestedTable(NestedLevels);
        if (!Ept)
            return PagingConfig.Npt(root | rootLow, NestedLevels);
        // EPTP: WB, walk length − 1 in bits 5:3, A/D in bit 6 (model 03 §2).
        ulong eptp = root | 6 | ((ulong)(NestedLevels - 1) << 3) | (accessedDirty ? 1UL << 6 : 0);
        return PagingConfig.Ept(eptp, EptVpidCapabilities.KvmNestedDefault);
    }

    public void SetNestedLeaf(ulong l2Gpa, ulong entry) => Write(NestedLeafAddress(l2Gpa), entry);

    public void SetGuestEntry(int level, ulong entry) => Write(GuestEntryL1(level), entry);

    public ulong Read(ulong l1Gpa)
    {
        Assert.True(Memory.TryReadUInt64(l1Gpa, out ulong value));
        return value;
    }

    public byte[] Snapshot()
    {
        Assert.True(Memory.TryGetSpan(0, 16 << 20, out Span<byte> all));
        return all.ToArray();
    }

    public WalkResult Walk(AccessIntent intent, bool accessedDirty = true, PagingCaches? caches = null, ulong? linear = null)
    {
        PagingConfig guest = Guest();
        PagingConfig nested = Nested(accessedDirty);
        return Ept
            ? TwoDimensionalWalker.Walk<EptFormat>(Memory, guest, nested, linear ?? Linear, intent, caches)
            : TwoDimensionalWalker.Walk<NptFormat>(Memory, guest, nested, linear ?? Linear, intent, caches);
    }

    private void Write(ulong l1Gpa, ulong value) => Assert.True(Memory.TryWriteUInt64(l1Gpa, value));
}
