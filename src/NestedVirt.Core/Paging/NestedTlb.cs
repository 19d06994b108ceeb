namespace NestedVirt.Paging;

/// <summary>
/// A direct-mapped cache of nested translations, L2 GPA page to L1 GPA page, with the rights
/// and dirty state of the walk that filled it (W-02: the "nested TLB" that removes most
/// nested sub-walks). Preallocated; lookups and fills never allocate. <see cref="Flush"/> is the
/// INVEPT / INVLPGA analogue.
/// </summary>
public sealed class NestedTlb
{
    private readonly ulong[] tags;
    private readonly ulong[] frames;
    private readonly PageAccess[] rights;
    private readonly bool[] dirty;
    private readonly PageSize[] sizes;
    private readonly int mask;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="entries">Capacity, a power of two from 1 to 65536.</param>
    public NestedTlb(int entries)
    {
        if (entries < 1 || entries > 65536 || (entries & (entries - 1)) != 0)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(entries), "capacity must be a power of two from 1 to 65536");
        tags = new ulong[entries];
        frames = new ulong[entries];
        rights = new PageAccess[entries];
        dirty = new bool[entries];
        sizes = new PageSize[entries];
        mask = entries - 1;
    }

    /// <summary>Number of entries.</summary>
    public int Capacity => tags.Length;

    /// <summary>Lookups that found a usable translation.</summary>
    public long Hits { get; private set; }

    /// <summary>Lookups that did not.</summary>
    public long Misses { get; private set; }

    /// <summary>Looks up the L1 page for L2 page <paramref name="page"/> (GPA >> 12).</summary>
    public bool TryLookup(ulong page, out ulong frame, out PageAccess access, out bool isDirty, out PageSize size)
    {
        int i = (int)(page & (ulong)mask);
        // Tags store page + 1 so that a zeroed slot never matches page 0.
        if (tags[i] == page + 1)
        {
            frame = frames[i];
            access = rights[i];
            isDirty = dirty[i];
            size = sizes[i];
            return true;
        }
        frame = 0;
        access = PageAccess.None;
        isDirty = false;
        size = PageSize.None;
        return false;
    }

    /// <summary>Records a lookup's outcome in <see cref="Hits"/> / <see cref="Misses"/>.</summary>
    internal void Count(bool hit)
    {
        if (hit) Hits++;
        else Misses++;
    }

    /// <summary>Installs a translation (the L1 page, the walk's rights, whether D is known set, the nested page size), replacing whatever shared its slot.</summary>
    public void Insert(ulong page, ulong frame, PageAccess access, bool isDirty, PageSize size)
    {
        int i = (int)(page & (ulong)mask);
        tags[i] = page + 1;
        frames[i] = frame;
        rights[i] = access;
        dirty[i] = isDirty;
        sizes[i] = size;
    }

    /// <summary>Drops every translation (INVEPT single/all context, INVLPGA, a new nCR3).</summary>
    public void Flush() => Array.Clear(tags);

    /// <summary>Zeroes the hit and miss counts.</summary>
    public void ResetCounts()
    {
        Hits = 0;
        Misses = 0;
    }
}
