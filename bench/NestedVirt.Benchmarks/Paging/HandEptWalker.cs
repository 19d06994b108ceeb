using System.Runtime.CompilerServices;
using NestedVirt.Memory;

namespace NestedVirt.Benchmarks.Paging;

/// <summary>
/// A 4-level EPT walker written by hand with every rule inlined, no generics and no format
/// struct: the yardstick the generic <see cref="NestedVirt.Paging.PageWalker"/> must match. It
/// applies the same checks (E-01..E-07) and does the same A/D work: it keeps the AND of the
/// entries it read and touches none of them when all already hold A (and the leaf holds D for a
/// write), as the generic walker does; otherwise it sets A in each entry used and D in the leaf
/// on a write, from the values it read, writing only entries that change. It returns only the
/// output address, or <see cref="ulong.MaxValue"/> on any fault.
/// </summary>
internal static class HandEptWalker
{
    private const ulong Accessed = 1UL << 8;
    private const ulong Dirty = 1UL << 9;

    [SkipLocalsInit]
    public static ulong Walk(GuestMemory memory, ulong rootTable, ulong address, ulong needed, bool accessedDirty)
    {
        const ulong frameMask = 0x000F_FFFF_FFFF_F000;
        Span<ulong> entryAddresses = stackalloc ulong[4];
        Span<ulong> entries = stackalloc ulong[4];
        ulong table = rootTable;
        ulong granted = 7;
        ulong entry = 0;
        ulong all = ulong.MaxValue;
        int level = 4;
        if ((address >> 48) != 0)
            return ulong.MaxValue;
        for (; level >= 1; level--)
        {
            ulong entryAddress = table + (((address >> (12 + (9 * (level - 1)))) & 511) << 3);
            if (!memory.TryReadUInt64(entryAddress, out entry))
                return ulong.MaxValue;
            entryAddresses[level - 1] = entryAddress;
            entries[level - 1] = entry;
            all &= entry;
            ulong xwr = entry & 7;
            if (xwr == 0 || (xwr & 3) == 2)
                return ulong.MaxValue;
            bool large = level <= 3 && level >= 2 && (entry & 0x80) != 0;
            bool leaf = level == 1 || large;
            if (level == 4 && (entry & 0xF8) != 0) return ulong.MaxValue;
            if (!leaf && level < 4 && (entry & 0x78) != 0) return ulong.MaxValue;
            if (large && level == 3 && (entry & 0x3FFFF000) != 0) return ulong.MaxValue;
            if (large && level == 2 && (entry & 0x1FF000) != 0) return ulong.MaxValue;
            if (leaf && ((entry >> 3) & 7) is 2 or 3 or 7) return ulong.MaxValue;
            granted &= xwr;
            if (leaf)
                break;
            table = entry & frameMask;
        }
        if ((granted & needed) != needed)
            return ulong.MaxValue;
        bool write = (needed & 2) != 0;
        if (accessedDirty && ((all & Accessed) == 0 || (write && (entry & Dirty) == 0)))
        {
            for (int l = 4; l >= level; l--)
            {
                ulong updated = entries[l - 1] | Accessed;
                if (l == level && write)
                    updated |= Dirty;
                if (updated != entries[l - 1])
                    memory.TryWriteUInt64(entryAddresses[l - 1], updated);
            }
        }
        ulong pageMask = (1UL << (12 + (9 * (level - 1)))) - 1;
        return (entry & frameMask & ~pageMask) | (address & pageMask);
    }
}
