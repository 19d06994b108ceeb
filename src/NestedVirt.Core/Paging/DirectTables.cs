namespace NestedVirt.Paging;

/// <summary>
/// Tables read straight from L1's memory: the environment of every 1-D walk.
/// <c>DirectTables&lt;FirstSlot&gt;</c> reads the first memory slot without a call, and a walk
/// that leaves it restarts through <c>DirectTables&lt;AnySlot&gt;</c>, which looks every slot up.
/// </summary>
/// <typeparam name="TReach"><see cref="FirstSlot"/> or <see cref="AnySlot"/>.</typeparam>
internal struct DirectTables<TReach> : IWalkEnvironment
    where TReach : struct, ISlotReach
{
    public static bool ReadsFirstSlot => TReach.FirstSlotOnly;

    public readonly int NestedEntriesRead => 0;

    public readonly WalkResult Fault => default;

    public readonly bool RemembersEntries => false;

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

    public readonly void Remember(ulong address, int level, ulong nextTable, PageAccess granted)
    {
    }

    public readonly bool TryFinish(ref ulong address, ref PageSize size, AccessIntent intent) => true;
}
