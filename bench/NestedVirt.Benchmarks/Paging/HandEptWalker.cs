using NestedVirt.Memory;

namespace NestedVirt.Benchmarks.Paging;

/// <summary>
/// A 4-level EPT walker written by hand with every rule inlined, no generics and no format
/// struct: the yardstick the generic <see cref="NestedVirt.Paging.PageWalker"/> must match. It
/// applies the same checks (E-01..E-07, A/D on success) so the comparison is fair; it returns
/// only the output address, or <see cref="ulong.MaxValue"/> on any fault.
/// </summary>
internal static class HandEptWalker
{
    public static ulong Walk(GuestMemory memory, ulong rootTable, ulong address, ulong needed, bool accessedDirty)
    {
        const ulong frameMask = 0x000F_FFFF_FFFF_F000;
        Span<ulong> entryAddresses = stackalloc ulong[4];
        ulong table = rootTable;
        ulong granted = 7;
        ulong entry = 0;
        int level = 4;
        if ((address >> 48) != 0)
            return ulong.MaxValue;
        for (; level >= 1; level--)
        {
            ulong entryAddress = table + (((address >> (12 + (9 * (level - 1)))) & 511) << 3);
            if (!memory.TryReadUInt64(entryAddress, out entry))
                return ulong.MaxValue;
            entryAddresses[level - 1] = entryAddress;
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
        if (accessedDirty)
        {
            for (int l = 4; l >= level; l--)
            {
                memory.TryReadUInt64(entryAddresses[l - 1], out ulong e);
                if ((e & 0x100) == 0)
                    memory.TryWriteUInt64(entryAddresses[l - 1], e | 0x100);
            }
        }
        ulong pageMask = (1UL << (12 + (9 * (level - 1)))) - 1;
        return (entry & frameMask & ~pageMask) | (address & pageMask);
    }
}
