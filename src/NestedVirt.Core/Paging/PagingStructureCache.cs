namespace NestedVirt.Paging;

/// <summary>
/// A paging-structure cache for the upper levels of the guest dimension (SDM 3A 4.10.3: PML5E,
/// PML4E, PDPTE and PDE caches): for a linear-address prefix it remembers the next table's
/// address and the rights so far, so a warm 2-D walk skips the guest's upper entries and the
/// nested walks that would locate them. Direct-mapped per level, preallocated.
/// </summary>
public sealed class PagingStructureCache
{
    private const int MaxLevels = 5;
    private readonly ulong[] tags;
    private readonly ulong[] tables;
    private readonly PageAccess[] rights;
    private readonly int perLevel;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="entriesPerLevel">Entries for each of levels 2 to 5, a power of two from 1 to 4096.</param>
    public PagingStructureCache(int entriesPerLevel)
    {
        if (entriesPerLevel < 1 || entriesPerLevel > 4096 || (entriesPerLevel & (entriesPerLevel - 1)) != 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(entriesPerLevel), "capacity must be a power of two from 1 to 4096");
        perLevel = entriesPerLevel;
        tags = new ulong[entriesPerLevel * MaxLevels];
        tables = new ulong[entriesPerLevel * MaxLevels];
        rights = new PageAccess[entriesPerLevel * MaxLevels];
    }

    /// <summary>Entries per level.</summary>
    public int EntriesPerLevel => perLevel;

    /// <summary>Walks that resumed below the root thanks to the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Walks that started at the root.</summary>
    public long Misses { get; private set; }

    /// <summary>
    /// The deepest cached entry covering <paramref name="address"/>: the walk resumes one level
    /// below it, at <paramref name="level"/>, in <paramref name="table"/>.
    /// </summary>
    public bool TryLookup(ulong address, int levels, out int level, out ulong table, out PageAccess granted)
    {
        for (int entryLevel = 2; entryLevel <= levels; entryLevel++)
        {
            ulong tag = Tag(address, entryLevel);
            int i = Slot(entryLevel, tag);
            if (tags[i] == tag + 1)
            {
                level = entryLevel - 1;
                table = tables[i];
                granted = rights[i];
                Hits++;
                return true;
            }
        }
        Misses++;
        level = 0;
        table = 0;
        granted = PageAccess.None;
        return false;
    }

    /// <summary>Caches the non-leaf entry at <paramref name="level"/> (2 to 5) that covers <paramref name="address"/>.</summary>
    public void Insert(ulong address, int level, ulong nextTable, PageAccess granted)
    {
        if (level < 2)
            return;
        ulong tag = Tag(address, level);
        int i = Slot(level, tag);
        tags[i] = tag + 1;
        tables[i] = nextTable;
        rights[i] = granted;
    }

    /// <summary>Drops every entry (MOV to CR3, INVLPG of the range, INVPCID).</summary>
    public void Flush() => Array.Clear(tags);

    /// <summary>Zeroes the hit and miss counts.</summary>
    public void ResetCounts()
    {
        Hits = 0;
        Misses = 0;
    }

    // The bits of the linear address that select the entry at this level and every level above.
    private static ulong Tag(ulong address, int level) => (address & ((1UL << 57) - 1)) >> (12 + (9 * (level - 1)));

    private int Slot(int level, ulong tag) => ((level - 1) * perLevel) + (int)(tag & (ulong)(perLevel - 1));
}
