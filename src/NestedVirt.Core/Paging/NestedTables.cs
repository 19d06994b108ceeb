using System.Runtime.CompilerServices;
using NestedVirt.Memory;

namespace NestedVirt.Paging;

/// <summary>
/// The environment of the guest dimension of a 2-D walk: L2's tables sit at L2 GPAs, so every
/// entry is located by a nested walk of L1's EPT/NPT (through the nested TLB when one is given),
/// and upper guest levels may come from the paging-structure cache. A ref struct on the caller's
/// stack that refers to L1's configuration instead of copying it: it is built for every 2-D walk.
/// </summary>
internal ref struct NestedTables<TNested> : IWalkEnvironment
    where TNested : struct, IPageTableFormat
{
    private readonly GuestMemory memory;
    private readonly ref readonly PagingConfig nested;
    private readonly PagingCaches? caches;
    private readonly AccessIntent tableIntent;
    private int nestedReads;
    // Written only when a translation fails.
    private WalkResult fault;

    public NestedTables(GuestMemory memory, ref readonly PagingConfig nested, PagingCaches? caches, AccessIntent tableIntent)
    {
        this.memory = memory;
        this.nested = ref nested;
        this.caches = caches;
        this.tableIntent = tableIntent;
        nestedReads = 0;
        fault = default;
    }

    public static bool ReadsFirstSlot => false;

    public readonly int NestedEntriesRead => nestedReads;

    public readonly WalkResult Fault => fault;

    public bool TryLocateEntry(ulong entryAddress, out ulong l1Address) =>
        TryTranslate(entryAddress, tableIntent, out l1Address, out _);

    public readonly bool TryResume(ulong address, int levels, out int level, out ulong table, out PageAccess granted)
    {
        if (caches is not null)
            return caches.PagingStructures.TryLookup(address, levels, out level, out table, out granted);
        level = 0;
        table = 0;
        granted = PageAccess.None;
        return false;
    }

    public readonly bool RemembersEntries => caches is not null;

    public readonly void Remember(ulong address, int level, ulong nextTable, PageAccess granted) =>
        caches?.PagingStructures.Insert(address, level, nextTable, granted);

    public bool TryFinish(ref ulong address, ref PageSize size, AccessIntent intent)
    {
        // The final access keeps its type and is marked as the translation of a linear address to
        // its final GPA (qualification bits 7 and 8, #NPF bit 32).
        var finalIntent = (intent & (AccessIntent.Read | AccessIntent.Write | AccessIntent.Fetch)) | AccessIntent.GuestLinear;
        if (!TryTranslate(address, finalIntent, out ulong l1Address, out PageSize nestedSize))
            return false;
        address = l1Address;
        if (nestedSize < size)
            size = nestedSize;
        return true;
    }

    /// <summary>
    /// Translates an L2 GPA to an L1 GPA: nested TLB first, else a full walk of L1's table.
    /// Without caches this is the nested walk alone, inlined into the guest walk's loop. On
    /// failure <see cref="Fault"/> holds the nested fault.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTranslate(ulong gpa, AccessIntent intent, out ulong l1Address, out PageSize size)
    {
        if (caches is not null)
            return TryTranslateCached(gpa, intent, out l1Address, out size);
        return TryWalk(gpa, intent, out l1Address, out size, out _);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryTranslateCached(ulong gpa, AccessIntent intent, out ulong l1Address, out PageSize size)
    {
        ulong page = gpa >> 12;
        bool write = (intent & AccessIntent.Write) != 0;
        NestedTlb tlb = caches!.NestedTlb;
        // A cached write needs a known-set dirty bit, or the walk must run to set it.
        bool hit = tlb.TryLookup(page, out ulong frame, out PageAccess rights, out bool dirty, out size)
            && TNested.Permits(rights, TNested.Normalize(intent), nested)
            && (!write || dirty || !nested.Has(PagingFeatures.AccessedDirty));
        tlb.Count(hit);
        if (hit)
        {
            l1Address = (frame << 12) | (gpa & 0xFFF);
            return true;
        }

        if (!TryWalk(gpa, intent, out l1Address, out size, out PageAccess permissions))
            return false;
        tlb.Insert(page, l1Address >> 12, permissions, write, size);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryWalk(ulong gpa, AccessIntent intent, out ulong l1Address, out PageSize size, out PageAccess permissions)
    {
        // The walker writes every slot of its state before reading it, so it is left unzeroed.
        Unsafe.SkipInit(out WalkState scratch);
        var direct = default(DirectTables<FirstSlot>);
        WalkResult result = PageWalker.WalkCore<TNested, DirectTables<FirstSlot>>(memory, nested, gpa, intent, ref direct, ref scratch);
        nestedReads += result.EntriesRead;
        permissions = result.Permissions;
        if (!result.IsTranslated)
        {
            l1Address = 0;
            size = PageSize.None;
            fault = result;
            return false;
        }

        l1Address = result.Address;
        size = result.PageSize;
        return true;
    }
}
