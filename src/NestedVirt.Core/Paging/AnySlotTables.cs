namespace NestedVirt.Paging;

/// <summary>
/// Tables read straight from L1's memory in any slot: where a 1-D walk continues when an entry
/// lies outside the first slot (<see cref="DirectTables.ReadsFirstSlot"/>). Every read looks the
/// slot up, so the walk loop holds a call; multi-slot guests pay it, one-slot guests never do.
/// </summary>
internal struct AnySlotTables : IWalkEnvironment
{
    public static bool ReadsFirstSlot => false;

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
