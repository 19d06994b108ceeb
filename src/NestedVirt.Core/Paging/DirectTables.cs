namespace NestedVirt.Paging;

/// <summary>
/// Tables read straight from L1's memory: the environment of every 1-D walk. Its loop reads the
/// first memory slot without a call; a walk that leaves it restarts through <see cref="AnySlotTables"/>.
/// </summary>
internal struct DirectTables : IWalkEnvironment
{
    public static bool ReadsFirstSlot => true;

    public readonly int NestedEntriesRead => 0;

    public readonly bool TryLocateEntry(ulong entryAddress, out ulong l1Address)
    {
        l1Address = entryAddress;
        return true;
    }

    public readonly bool TryResume(ulong address, int levels, out int level, out ulong table, out PageAccess granted)
    {
        level = 0;
        table = 0;
        granted = PageAccess.None;
        return false;
    }

    public readonly bool RemembersEntries => false;

    public readonly void Remember(ulong address, int level, ulong nextTable, PageAccess granted)
    {
    }

    public readonly bool TryFinish(ref ulong address, ref PageSize size, AccessIntent intent) => true;

    public readonly WalkResult Fault => default;
}
