using System.Runtime.CompilerServices;

namespace NestedVirt.Paging;

/// <summary>Five 64-bit slots, one per paging level (index = level − 1).</summary>
[InlineArray(5)]
public struct LevelBuffer
{
    private ulong element0;
}

/// <summary>
/// Scratch state of one walk, kept on the caller's stack and passed by <see langword="ref"/>
/// (KVM's <c>struct guest_walker</c>): per level, where the entry sat and what it held. After a
/// walk it tells a debugger or a test exactly which entries were used; the walker itself needs
/// it to set accessed/dirty bits once the walk has succeeded.
/// </summary>
public struct WalkState
{
    /// <summary>Address (in L1's memory) of the entry read at each level.</summary>
    public LevelBuffer EntryAddress;

    /// <summary>Value of the entry read at each level.</summary>
    public LevelBuffer Entry;

    /// <summary>Lowest level whose entry was read: the leaf on success, the failing entry on a fault in the tables, one above the root when no entry was read.</summary>
    public int LowestLevel;

    /// <summary>Levels of the walk (4 or 5).</summary>
    public int Levels;
}
