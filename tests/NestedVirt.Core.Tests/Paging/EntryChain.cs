using NestedVirt.Memory;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// A hand-laid chain of tables for the rule tests, independent of the core's builders: the table
/// holding level-l entries sits at L1 GPA l × 4 KiB (PT at 0x1000 … PML5 at 0x5000) in 1 MiB of
/// memory, and the probe address selects index 1, 2, 3, 4, 5 at levels 5 to 1. Every default
/// entry grants everything (EPT RWX, x86-64 P|RW|US) and points to the next default table; the
/// default leaf maps 0xABC000 (EPT: write-back). A test overwrites entries with <see cref="Set"/>.
/// </summary>
internal sealed class EntryChain
{
    public const ulong MemorySize = 1 << 20;
    public const ulong Probe4 = 0x0000_0100_C080_5678;        // indices 2, 3, 4, 5 at levels 4..1, offset 0x678
    public const ulong Probe5 = Probe4 | (1UL << 48);          // index 1 at level 5
    public const ulong DefaultLeafFrame = 0xABC000;
    public const ulong DefaultOutput = 0xABC678;
    public const ulong EptFullRights = 0x7;                    // R, W, X
    public const ulong EptWriteBack = 6UL << 3;                // memory type 6 in bits 5:3
    public const ulong X64Full = 0x7;                          // P, R/W, U/S
    public const ulong EptAccessed = 1UL << 8;
    public const ulong EptDirty = 1UL << 9;
    public const ulong X64Accessed = 1UL << 5;
    public const ulong X64Dirty = 1UL << 6;

    public EntryChain(bool ept, int levels)
    {
        Ept = ept;
        Levels = levels;
        Memory = new GuestMemory(MemorySize);
        for (int level = levels; level >= 2; level--)
            Set(level, TableOf(level - 1) | (ept ? EptFullRights : X64Full));
        Set(1, ept ? DefaultLeafFrame | EptWriteBack | EptFullRights : DefaultLeafFrame | X64Full);
    }

    public bool Ept { get; }

    public int Levels { get; }

    public GuestMemory Memory { get; }

    public ulong Probe => Levels == 5 ? Probe5 : Probe4;

    public ulong RootTable => TableOf(Levels);

    /// <summary>EPTP for the chain: WB paging structures, walk length − 1 in bits 5:3, A/D in bit 6 (model 03 §2).</summary>
    public ulong Eptp(bool accessedDirty) => RootTable | 6UL | ((ulong)(Levels - 1) << 3) | (accessedDirty ? 1UL << 6 : 0);

    public static ulong TableOf(int level) => (ulong)level << 12;

    public static ulong Index(ulong address, int level) => (address >> (12 + (9 * (level - 1)))) & 511;

    public ulong EntryAddress(int level) => TableOf(level) + (Index(Probe, level) * 8);

    public void Set(int level, ulong entry) => Assert.True(Memory.TryWriteUInt64(EntryAddress(level), entry));

    public ulong Get(int level)
    {
        Assert.True(Memory.TryReadUInt64(EntryAddress(level), out ulong entry));
        return entry;
    }

    public byte[] Snapshot()
    {
        Assert.True(Memory.TryGetSpan(0, (int)MemorySize, out Span<byte> all));
        return all.ToArray();
    }

    public void AssertMemoryEquals(byte[] expected, string because)
    {
        Assert.True(Memory.TryGetSpan(0, (int)MemorySize, out Span<byte> all));
        int first = FirstDifference(all, expected);
        if (first >= 0)
            Assert.Fail($"{because}: memory differs first at 0x{first:X}");
    }

    /// <summary>
    /// What memory must hold after a successful walk that ended at <paramref name="leafLevel"/>:
    /// <paramref name="accessed"/> in every entry on the path, <paramref name="dirty"/> in the leaf
    /// when <paramref name="write"/>, nothing else changed. The path is followed here by hand.
    /// </summary>
    public byte[] ExpectedAfterSuccess(byte[] before, int leafLevel, ulong accessed, ulong dirty, bool write)
    {
        byte[] expected = (byte[])before.Clone();
        ulong table = RootTable;
        for (int level = Levels; level >= leafLevel; level--)
        {
            ulong address = table + (Index(Probe, level) * 8);
            ulong entry = BitConverter.ToUInt64(before, (int)address);
            ulong updated = entry | accessed;
            if (level == leafLevel && write)
                updated |= dirty;
            BitConverter.TryWriteBytes(expected.AsSpan((int)address, 8), updated);
            table = entry & 0x000F_FFFF_FFFF_F000;
        }
        return expected;
    }

    private static int FirstDifference(Span<byte> a, byte[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
                return i;
        }
        return -1;
    }
}
