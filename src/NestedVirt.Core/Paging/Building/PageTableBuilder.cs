using NestedVirt.Memory;

namespace NestedVirt.Paging.Building;

/// <summary>
/// Builds page tables in guest memory for tests and benchmarks: map a range with 4 KiB, 2 MiB or
/// 1 GiB pages, given rights and (EPT) memory type. Tables are taken from a region of L1's memory.
/// For L2's own tables, which live at L2 GPAs, <c>pointerBias</c> is what L1's table adds to an L2
/// GPA: the builder writes each table at its L1 address and points to it by L1 address − bias.
/// Setup code: it may allocate, and it throws on misuse (overlapping leaves, a full region).
/// </summary>
public sealed class PageTableBuilder
{
    private const ulong PageSize4K = 4096;
    private readonly GuestMemory memory;
    private readonly ulong regionEnd;
    private readonly ulong pointerBias;
    private readonly List<ulong> written = [];
    private ulong next;

    /// <summary>Creates a builder and allocates the root table.</summary>
    /// <param name="memory">Memory that holds the tables.</param>
    /// <param name="kind">Entry layout.</param>
    /// <param name="levels">4 or 5.</param>
    /// <param name="tableRegionBase">L1 GPA where tables are allocated (4 KiB aligned).</param>
    /// <param name="tableRegionSize">Bytes available for tables.</param>
    /// <param name="pointerBias">L1 address minus the address stored in entries and the root (0 for EPT/NPT).</param>
    public PageTableBuilder(GuestMemory memory, PageTableKind kind, int levels, ulong tableRegionBase, ulong tableRegionSize, ulong pointerBias = 0)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (levels is not (4 or 5))
            throw new ArgumentOutOfRangeException(nameof(levels), "only 4- and 5-level tables are built");
        if ((tableRegionBase & 0xFFF) != 0 || !memory.Contains(tableRegionBase, (int)Math.Min(tableRegionSize, int.MaxValue)))
            throw new ArgumentException("table region must be 4 KiB aligned and inside guest memory", nameof(tableRegionBase));
        this.memory = memory;
        Kind = kind;
        Levels = levels;
        next = tableRegionBase;
        regionEnd = tableRegionBase + tableRegionSize;
        this.pointerBias = pointerBias;
        RootTable = AllocateTable();
    }

    /// <summary>Entry layout.</summary>
    public PageTableKind Kind { get; }

    /// <summary>Levels of the tables.</summary>
    public int Levels { get; }

    /// <summary>L1 GPA of the root table.</summary>
    public ulong RootTable { get; }

    /// <summary>The root as the walked dimension sees it (CR3/nCR3 value; EPTP address field).</summary>
    public ulong RootPointer => RootTable - pointerBias;

    /// <summary>Tables allocated so far, the root included.</summary>
    public int TablesAllocated { get; private set; }

    /// <summary>L1 addresses of every entry this builder wrote, in order (for planting faults).</summary>
    public IReadOnlyList<ulong> WrittenEntries => written;

    /// <summary>The EPTP for these tables (write-back, walk length for <see cref="Levels"/>).</summary>
    public ulong Eptp(bool accessedDirty) => PagingConfig.MakeEptp(RootPointer, Levels, accessedDirty);

    /// <summary>Maps <paramref name="length"/> bytes at <paramref name="address"/> to <paramref name="target"/>.</summary>
    /// <param name="address">Start of the input range, aligned to <paramref name="size"/>.</param>
    /// <param name="target">Start of the output range, aligned to <paramref name="size"/>.</param>
    /// <param name="length">Bytes to map, a multiple of <paramref name="size"/>.</param>
    /// <param name="size">Page size of the leaves.</param>
    /// <param name="access">Rights of the leaves. EPT: R/W/X bits; x86-64: W, U, X (no X sets NX), always readable.</param>
    /// <param name="memoryType">EPT leaf memory type.</param>
    public void Map(ulong address, ulong target, ulong length, PageSize size, PageAccess access,
        EptMemoryType memoryType = EptMemoryType.WriteBack)
    {
        if (size is not (PageSize.Size4K or PageSize.Size2M or PageSize.Size1G))
            throw new ArgumentOutOfRangeException(nameof(size));
        ulong step = 1UL << (int)size;
        if (((address | target | length) & (step - 1)) != 0)
            throw new ArgumentException("address, target and length must be aligned to the page size");
        int leafLevel = size switch { PageSize.Size1G => 3, PageSize.Size2M => 2, _ => 1 };
        for (ulong offset = 0; offset < length; offset += step)
        {
            ulong entryAddress = EnsurePath(address + offset, leafLevel);
            memory.TryReadUInt64(entryAddress, out ulong existing);
            if (leafLevel > 1 && IsTablePointer(existing, leafLevel))
                throw new InvalidOperationException($"0x{address + offset:X} already has a table below level {leafLevel}");
            Write(entryAddress, LeafEntry(target + offset, leafLevel, access, memoryType));
        }
    }

    /// <summary>L1 address of the entry at <paramref name="level"/> on the path of <paramref name="address"/>, if that table exists.</summary>
    public bool TryGetEntryAddress(ulong address, int level, out ulong entryAddress)
    {
        ulong table = RootTable;
        for (int l = Levels; ; l--)
        {
            entryAddress = table + (Index(address, l) << 3);
            if (l == level)
                return true;
            if (!memory.TryReadUInt64(entryAddress, out ulong entry) || !IsTablePointer(entry, l))
                return false;
            table = (entry & 0x000F_FFFF_FFFF_F000) + pointerBias;
        }
    }

    private ulong EnsurePath(ulong address, int leafLevel)
    {
        ulong table = RootTable;
        for (int level = Levels; level > leafLevel; level--)
        {
            ulong entryAddress = table + (Index(address, level) << 3);
            memory.TryReadUInt64(entryAddress, out ulong entry);
            if (entry == 0)
            {
                ulong child = AllocateTable();
                entry = NonLeafEntry(child - pointerBias);
                Write(entryAddress, entry);
            }
            else if (!IsTablePointer(entry, level))
            {
                throw new InvalidOperationException($"0x{address:X} is already mapped by a larger page at level {level}");
            }
            table = (entry & 0x000F_FFFF_FFFF_F000) + pointerBias;
        }
        return table + (Index(address, leafLevel) << 3);
    }

    private bool IsTablePointer(ulong entry, int level) =>
        entry != 0 && (level >= 4 || (entry & (1UL << 7)) == 0);

    private ulong NonLeafEntry(ulong tablePointer) =>
        // Upper levels grant everything; the leaf decides (EPT RWX = 7, x86-64 P|RW|US = 7).
        tablePointer | 0b111;

    private ulong LeafEntry(ulong target, int level, PageAccess access, EptMemoryType memoryType)
    {
        ulong large = level > 1 ? 1UL << 7 : 0;
        if (Kind == PageTableKind.Ept)
            return target | ((ulong)access & 0b111) | ((ulong)memoryType << 3) | large;
        ulong entry = target | 1UL | large;
        if ((access & PageAccess.Write) != 0) entry |= 1UL << 1;
        if ((access & PageAccess.User) != 0) entry |= 1UL << 2;
        if ((access & PageAccess.Execute) == 0) entry |= 1UL << 63;
        return entry;
    }

    private ulong AllocateTable()
    {
        if (next + PageSize4K > regionEnd)
            throw new InvalidOperationException("the page-table region is full");
        ulong table = next;
        next += PageSize4K;
        memory.TryGetSpan(table, (int)PageSize4K, out Span<byte> page);
        page.Clear();
        TablesAllocated++;
        return table;
    }

    private void Write(ulong entryAddress, ulong value)
    {
        memory.TryWriteUInt64(entryAddress, value);
        written.Add(entryAddress);
    }

    private static ulong Index(ulong address, int level) => (address >> (12 + (9 * (level - 1)))) & 511;
}
