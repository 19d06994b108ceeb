using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;

namespace NestedVirt.Benchmarks.Paging;

/// <summary>
/// Tables and an address stream for walk benchmarks, built once in <c>[GlobalSetup]</c>. L1's
/// EPT/NPT maps L2 GPAs [0, 1 GiB) one-to-one onto L1 GPAs with the chosen page size, so L2's own
/// tables (4 KiB pages over a 32 MiB linear region, backed by L1 RAM so code can be fetched) sit at the same address in both spaces.
/// The stream is fixed-seed: the same addresses on every run and machine.
/// </summary>
public sealed class WalkFixture
{
    /// <summary>Linear base of L2's mapped region.</summary>
    public const ulong GuestRegion = 0x0000_7F00_0000_0000;

    /// <summary>Bytes of L2's mapped region.</summary>
    public const ulong GuestRegionSize = 32UL << 20;

    private const ulong NestedRange = 1UL << 30;
    private const ulong GuestTargetBase = 16UL << 20;

    /// <summary>Builds the fixture.</summary>
    /// <param name="format">L1's table format.</param>
    /// <param name="levels">Levels of both dimensions.</param>
    /// <param name="nestedPageSize">Leaf size of L1's table.</param>
    /// <param name="streamLength">Addresses in the stream.</param>
    /// <param name="workingSetPages">Distinct 4 KiB pages the stream touches (small enough for the caches when warm).</param>
    /// <param name="seed">Stream seed.</param>
    public WalkFixture(NestedFormat format, int levels, PageSize nestedPageSize, int streamLength, int workingSetPages, int seed = 2026)
    {
        Memory = new GuestMemory(96UL << 20);
        var kind = format == NestedFormat.Ept ? PageTableKind.Ept : PageTableKind.X64;
        var nested = new PageTableBuilder(Memory, kind, levels, 64UL << 20, 24UL << 20);
        nested.Map(0, 0, NestedRange, nestedPageSize, PageAccess.All);
        Nested = format == NestedFormat.Ept
            ? PagingConfig.Ept(nested.Eptp(accessedDirty: true), EptVpidCapabilities.KvmNestedDefault)
            : PagingConfig.Npt(nested.RootPointer, levels);

        var guest = new PageTableBuilder(Memory, PageTableKind.X64, levels, 8UL << 20, 8UL << 20);
        guest.Map(GuestRegion, GuestTargetBase, GuestRegionSize, PageSize.Size4K, PageAccess.All);
        Guest = PagingConfig.X64(guest.RootPointer, levels);

        var random = new Random(seed);
        var pages = new ulong[workingSetPages];
        for (int i = 0; i < pages.Length; i++)
            pages[i] = (ulong)random.NextInt64(0, (long)(GuestRegionSize >> 12)) << 12;
        LinearStream = new ulong[streamLength];
        PhysicalStream = new ulong[streamLength];
        for (int i = 0; i < streamLength; i++)
        {
            ulong offset = pages[random.Next(pages.Length)] | ((ulong)random.Next(0, 512) << 3);
            LinearStream[i] = GuestRegion + offset;
            PhysicalStream[i] = GuestTargetBase + offset;
        }
    }

    /// <summary>L1's memory.</summary>
    public GuestMemory Memory { get; }

    /// <summary>L1's EPT/NPT.</summary>
    public PagingConfig Nested { get; }

    /// <summary>L2's own tables.</summary>
    public PagingConfig Guest { get; }

    /// <summary>L2 linear addresses for 2-D walks.</summary>
    public ulong[] LinearStream { get; }

    /// <summary>L1 address of the byte at L2 linear address <paramref name="linear"/> in the mapped region.</summary>
    public static ulong L1AddressOf(ulong linear) => linear - GuestRegion + GuestTargetBase;

    /// <summary>L2 GPAs for 1-D walks (the same pages, seen physically).</summary>
    public ulong[] PhysicalStream { get; }
}
