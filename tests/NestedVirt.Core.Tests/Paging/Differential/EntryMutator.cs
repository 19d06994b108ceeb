namespace NestedVirt.Tests.Paging.Differential;

/// <summary>
/// Plants faults in written entries for the 2-D differential (the core's <c>RandomPageTables</c>
/// does this for 1-D tables only): not present, reserved address bits, low bits, the page-size
/// bit, XWR / NX, memory type / AMD bit 8, a frame elsewhere, lost rights, a random bit flip.
/// </summary>
internal static class EntryMutator
{
    public static ulong Mutate(Random random, ulong entry, bool ept, int maxPhysAddr, ulong memorySize)
    {
        switch (random.Next(9))
        {
            case 0:
                return ept ? entry & ~0b111UL : entry & ~1UL;
            case 1:
                return maxPhysAddr < 52 ? entry | (1UL << random.Next(maxPhysAddr, 52)) : entry | (1UL << random.Next(52, 64));
            case 2:
                return entry | (1UL << random.Next(3, 12));
            case 3:
                return entry ^ (1UL << 7);
            case 4:
                return ept ? (entry & ~0b111UL) | (uint)random.Next(8) : entry ^ (1UL << 63);
            case 5:
                return ept ? (entry & ~0b111000UL) | ((uint)random.Next(8) << 3) : entry ^ (1UL << 8);
            case 6:
                ulong frame = random.Next(2) == 0
                    ? (ulong)random.NextInt64(0, (long)memorySize) & ~0xFFFUL
                    : (ulong)random.NextInt64(0, 1L << 40) & ~0xFFFUL;
                return (entry & ~0x000F_FFFF_FFFF_F000UL) | frame;
            case 7:
                return entry & ~(ept ? 0b011UL : 0b110UL);
            default:
                return entry ^ (1UL << random.Next(64));
        }
    }
}
