using NestedVirt.Memory;

namespace NestedVirt.Paging.Building;

/// <summary>
/// A seeded random table set for differential tests and benchmarks: random mappings of every
/// page size and right sharing upper tables, then malformed entries planted at a chosen rate
/// (not-present, reserved address bits, reserved low bits, page-size bit, bad XWR or NX, bad
/// memory type, frames outside memory, random bit flips), and a list of probe addresses.
/// The same seed always gives the same tables and probes.
/// </summary>
public sealed class RandomPageTables
{
    private RandomPageTables(PageTableBuilder builder, ulong[] probes, int malformed)
    {
        Builder = builder;
        Probes = probes;
        MalformedEntries = malformed;
    }

    /// <summary>The builder that wrote the tables (root, EPTP).</summary>
    public PageTableBuilder Builder { get; }

    /// <summary>Addresses to walk: one inside each mapping plus random ones.</summary>
    public IReadOnlyList<ulong> Probes { get; }

    /// <summary>How many entries were replaced by malformed ones.</summary>
    public int MalformedEntries { get; }

    /// <summary>Builds a table set.</summary>
    public static RandomPageTables Create(GuestMemory memory, PageTableKind kind, int levels, int seed, RandomTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(seed);
        var builder = new PageTableBuilder(memory, kind, levels, options.TableRegionBase, options.TableRegionSize);
        var probes = new List<ulong>();

        for (int i = 0; i < options.Mappings; i++)
        {
            PageSize size = DrawSize(random, options.LargePages);
            ulong address = DrawAddress(random, levels, size);
            ulong step = 1UL << (int)size;
            ulong target = (ulong)random.NextInt64(0, (long)Math.Max(1, options.TargetLimit / step)) * step;
            var access = (PageAccess)random.Next(0, 16);
            if (kind == PageTableKind.Ept && (access & PageAccess.ReadWriteExecute) == 0)
                access |= PageAccess.Read;
            var type = DrawMemoryType(random);
            try
            {
                builder.Map(address, target, step, size, access, type);
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            probes.Add(address + ((ulong)random.NextInt64(0, (long)(step / 8)) * 8));
            if (random.NextDouble() < options.ExtraProbesPerMapping)
                probes.Add(DrawAddress(random, levels, PageSize.Size4K) + ((ulong)random.Next(0, 512) * 8));
        }

        int malformed = 0;
        foreach (ulong entryAddress in builder.WrittenEntries)
        {
            if (random.NextDouble() >= options.MalformedRate)
                continue;
            memory.TryReadUInt64(entryAddress, out ulong entry);
            memory.TryWriteUInt64(entryAddress, Mutate(random, entry, kind, options.MaxPhysAddr));
            malformed++;
        }

        // A few addresses beyond what the walk covers, to exercise the width check.
        probes.Add(1UL << 57);
        probes.Add(ulong.MaxValue & ~7UL);
        return new RandomPageTables(builder, probes.ToArray(), malformed);
    }

    private static PageSize DrawSize(Random random, bool large)
    {
        if (!large) return PageSize.Size4K;
        int roll = random.Next(0, 10);
        return roll < 7 ? PageSize.Size4K : roll < 9 ? PageSize.Size2M : PageSize.Size1G;
    }

    // Few distinct indices per level, so mappings share upper tables and collide sometimes.
    private static ulong DrawAddress(Random random, int levels, PageSize size)
    {
        ulong address = 0;
        int lowestLevel = size switch { PageSize.Size1G => 3, PageSize.Size2M => 2, _ => 1 };
        for (int level = levels; level >= lowestLevel; level--)
        {
            int fanout = level >= 3 ? 3 : 24;
            address |= (ulong)random.Next(0, fanout) << (12 + (9 * (level - 1)));
        }
        return address;
    }

    private static EptMemoryType DrawMemoryType(Random random) => random.Next(0, 5) switch
    {
        0 => EptMemoryType.Uncacheable,
        1 => EptMemoryType.WriteCombining,
        2 => EptMemoryType.WriteThrough,
        3 => EptMemoryType.WriteProtected,
        _ => EptMemoryType.WriteBack,
    };

    private static ulong Mutate(Random random, ulong entry, PageTableKind kind, int maxPhysAddr)
    {
        switch (random.Next(0, 8))
        {
            case 0:
                return kind == PageTableKind.Ept ? entry & ~0b111UL : entry & ~1UL;
            case 1:
                return maxPhysAddr < 52 ? entry | (1UL << random.Next(maxPhysAddr, 52)) : entry | (1UL << random.Next(52, 64));
            case 2:
                return entry | (1UL << random.Next(3, 12));
            case 3:
                return entry ^ (1UL << 7);
            case 4:
                return kind == PageTableKind.Ept ? (entry & ~0b111UL) | (uint)random.Next(0, 8) : entry | (1UL << 63);
            case 5:
                return kind == PageTableKind.Ept ? (entry & ~0b111000UL) | ((uint)random.Next(0, 8) << 3) : entry | (1UL << 8);
            case 6:
                long frame = random.NextInt64(1L << 33, 1L << Math.Min(maxPhysAddr, 46)) & ~0xFFFL;
                return (entry & ~0x000F_FFFF_FFFF_F000UL) | (ulong)frame;
            default:
                return entry ^ (1UL << random.Next(0, 64));
        }
    }
}
