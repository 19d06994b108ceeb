using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;

namespace NestedVirt.Tests.Paging.Differential;

/// <summary>
/// Random tables for both dimensions of a 2-D walk, built with <see cref="PageTableBuilder"/>:
/// L1's EPT/NPT in L1 [1 MiB, 4 MiB); L2's tables in L1 [4 MiB, 6 MiB), written with
/// <c>pointerBias</c> = 4 MiB so that they sit at L2 GPAs [0, 2 MiB), which L1's table maps onto
/// them (one 2 MiB page or 512 4 KiB pages, rights mostly full). L2's mappings point into the L2
/// data range [1 GiB, 1 GiB + 64 MiB), of which L1's table maps most 2 MiB chunks (2M pages or 4K pages)
/// to random L1 addresses. Then faults are planted in both dimensions at the given rate.
/// </summary>
internal sealed class TwoDimensionalTableSet
{
    public const ulong MemorySize = 16 << 20;
    private const ulong NestedRegion = 0x10_0000;
    private const ulong NestedRegionSize = 0x30_0000;
    private const ulong GuestRegionL1 = 0x40_0000;
    private const ulong GuestRegionSize = 0x20_0000;
    private const ulong GuestBias = GuestRegionL1;       // L2 GPA of guest tables = L1 GPA − 4 MiB
    private const ulong DataL2 = 0x4000_0000;
    private const ulong DataL2Size = 0x400_0000;

    public required PagingConfig Guest { get; init; }
    public required PagingConfig Nested { get; init; }
    public required ulong GuestRoot { get; init; }
    public required ulong NestedRoot { get; init; }
    public required bool GuestNoExecute { get; init; }
    public required bool GuestWriteProtect { get; init; }
    public required bool GuestPages1G { get; init; }
    public required int GuestMaxPhysAddr { get; init; }
    public required EptVpidCapabilities EptCapabilities { get; init; }
    public required bool NptNoExecute { get; init; }
    public required bool NptPages1G { get; init; }
    public required int NestedMaxPhysAddr { get; init; }
    public required List<ulong> Probes { get; init; }
    public required string Description { get; init; }

    public static TwoDimensionalTableSet Create(GuestMemory memory, bool ept, int seed, double rate)
    {
        var random = new Random(seed);
        int guestLevels = random.Next(2) == 0 ? 4 : 5;
        int nestedLevels = random.Next(2) == 0 ? 4 : 5;
        int nestedMax = new[] { 39, 46, 52 }[random.Next(3)];
        int guestMax = random.Next(2) == 0 ? 46 : 52;

        // L1's capabilities / host paging.
        var caps = EptVpidCapabilities.PageWalkLength4 | EptVpidCapabilities.PageWalkLength5 | EptVpidCapabilities.MemoryTypeWb;
        if (random.Next(4) != 0) caps |= EptVpidCapabilities.ExecuteOnly;
        if (random.Next(6) != 0) caps |= EptVpidCapabilities.Pages2M;
        if (random.Next(4) != 0) caps |= EptVpidCapabilities.Pages1G;
        bool eptAccessedDirty = random.Next(2) == 0;
        if (eptAccessedDirty) caps |= EptVpidCapabilities.AccessedDirty;
        bool nptNoExecute = random.Next(2) == 0;
        bool nptPages1G = random.Next(4) != 0;
        bool nested2M = !ept || (caps & EptVpidCapabilities.Pages2M) != 0;
        bool nested1G = ept ? (caps & EptVpidCapabilities.Pages1G) != 0 : nptPages1G;

        memory.Clear();
        var nested = new PageTableBuilder(memory, ept ? PageTableKind.Ept : PageTableKind.X64, nestedLevels, NestedRegion, NestedRegionSize);
        var guest = new PageTableBuilder(memory, PageTableKind.X64, guestLevels, GuestRegionL1, GuestRegionSize, pointerBias: GuestBias);

        // L2's own mappings: linear -> L2 data GPAs.
        var probes = new List<ulong>();
        bool guestPages1G = random.Next(5) != 0;
        for (int i = 0; i < 48; i++)
        {
            PageSize size = DrawSize(random);
            ulong step = 1UL << (int)size;
            ulong linear = DrawLinear(random, guestLevels, size);
            ulong target = size == PageSize.Size1G ? DataL2 : DataL2 + ((ulong)random.NextInt64(0, (long)(DataL2Size / step)) * step);
            var access = PageAccess.Read;
            if (random.Next(4) != 0) access |= PageAccess.Write;
            if (random.Next(4) != 0) access |= PageAccess.User;
            if (random.Next(4) != 0) access |= PageAccess.Execute;
            if (!TryMap(guest, linear, target, step, size, access, EptMemoryType.WriteBack))
                continue;
            probes.Add(linear + ((ulong)random.NextInt64(0, (long)(step / 8)) * 8));
        }

        // L1's table over L2's tables: mostly full rights; sometimes read-only or without U/S.
        PageAccess tableRights = PageAccess.All;
        int rightsRoll = random.Next(10);
        if (rightsRoll == 0) tableRights = PageAccess.Read | PageAccess.User | PageAccess.Execute;
        if (rightsRoll == 1) tableRights = PageAccess.Read | PageAccess.Write | PageAccess.Execute;
        if (nested2M && random.Next(2) == 0)
            TryMap(nested, 0, GuestRegionL1, GuestRegionSize, PageSize.Size2M, tableRights, EptMemoryType.WriteBack);
        else
            TryMap(nested, 0, GuestRegionL1, GuestRegionSize, PageSize.Size4K, tableRights, EptMemoryType.WriteBack);

        // L1's table over the data range, 2 MiB chunk by chunk: a 2 MiB page, 4 KiB pages with a
        // few holes, or nothing; now and then one 1 GiB page over everything. Rights mostly full.
        if (nested1G && random.Next(20) == 0)
        {
            TryMap(nested, DataL2, (ulong)random.Next(4) << 30, 1UL << 30, PageSize.Size1G, DrawRights(random, ept), DrawType(random));
        }
        else
        {
            for (ulong chunk = DataL2; chunk < DataL2 + DataL2Size; chunk += 1UL << 21)
            {
                int roll = random.Next(10);
                if (roll < 5 && nested2M)
                {
                    ulong target = (ulong)random.Next(2048) << 21;
                    TryMap(nested, chunk, target, 1UL << 21, PageSize.Size2M, DrawRights(random, ept), DrawType(random));
                }
                else if (roll < 9)
                {
                    for (ulong page = chunk; page < chunk + (1UL << 21); page += 0x1000)
                    {
                        if (random.Next(8) != 0)
                            TryMap(nested, page, (ulong)random.Next(1 << 20) << 12, 0x1000, PageSize.Size4K, DrawRights(random, ept), DrawType(random));
                    }
                }
            }
        }

        // Faults in both dimensions.
        foreach (ulong entry in nested.WrittenEntries)
            Plant(memory, random, entry, ept, nestedMax, rate);
        foreach (ulong entry in guest.WrittenEntries)
            Plant(memory, random, entry, false, guestMax, rate);

        int count = probes.Count;
        for (int i = 0; i < count; i++)
            probes.Add(probes[i] ^ (1UL << random.Next(12, 22)));

        bool guestNoExecute = random.Next(2) == 0;
        bool guestWriteProtect = random.Next(2) == 0;
        ulong cr3 = guest.RootPointer | (uint)random.Next(0x1000);
        if (random.Next(40) == 0)
            cr3 |= 1UL << random.Next(guestMax, 64);
        PagingConfig guestConfig = PagingConfig.X64(cr3, guestLevels, guestNoExecute, guestWriteProtect, guestPages1G, guestMax);

        ulong nestedRoot;
        PagingConfig nestedConfig;
        if (ept)
        {
            nestedRoot = nested.RootPointer | 6 | ((ulong)(nestedLevels - 1) << 3) | (eptAccessedDirty ? 1UL << 6 : 0);
            if (random.Next(40) == 0)
                nestedRoot |= 1UL << random.Next(7, 12);
            nestedConfig = PagingConfig.Ept(nestedRoot, caps, nestedMax);
        }
        else
        {
            nestedRoot = nested.RootPointer | (uint)random.Next(0x1000);
            if (random.Next(40) == 0)
                nestedRoot |= 1UL << random.Next(nestedMax, 64);
            nestedConfig = PagingConfig.Npt(nestedRoot, nestedLevels, nptNoExecute, nptPages1G, nestedMax);
        }

        return new TwoDimensionalTableSet
        {
            Guest = guestConfig,
            Nested = nestedConfig,
            GuestRoot = cr3,
            NestedRoot = nestedRoot,
            GuestNoExecute = guestNoExecute,
            GuestWriteProtect = guestWriteProtect,
            GuestPages1G = guestPages1G,
            GuestMaxPhysAddr = guestMax,
            EptCapabilities = caps,
            NptNoExecute = nptNoExecute,
            NptPages1G = nptPages1G,
            NestedMaxPhysAddr = nestedMax,
            Probes = probes,
            Description = $"guest {guestLevels}-level CR3 0x{cr3:X} NXE {guestNoExecute} WP {guestWriteProtect} 1G {guestPages1G} M {guestMax}; "
                + (ept ? $"EPT {nestedLevels}-level EPTP 0x{nestedRoot:X} caps 0x{(ulong)caps:X}" : $"NPT {nestedLevels}-level nCR3 0x{nestedRoot:X} NXE {nptNoExecute} 1G {nptPages1G}")
                + $" M {nestedMax}; malformed {rate}",
        };
    }

    private static bool TryMap(PageTableBuilder builder, ulong address, ulong target, ulong length, PageSize size, PageAccess access, EptMemoryType type)
    {
        try
        {
            builder.Map(address, target, length, size, access, type);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Collides with a larger page mapped earlier.
            return false;
        }
    }

    private static PageAccess DrawRights(Random random, bool ept)
    {
        if (random.Next(8) != 0)
            return PageAccess.All;
        var access = (PageAccess)random.Next(16);
        if (ept && (access & PageAccess.ReadWriteExecute) == 0)
            access |= PageAccess.Read;
        return access;
    }

    private static EptMemoryType DrawType(Random random) => (EptMemoryType)new byte[] { 0, 1, 4, 5, 6 }[random.Next(5)];

    private static void Plant(GuestMemory memory, Random random, ulong entryAddress, bool ept, int maxPhysAddr, double rate)
    {
        if (random.NextDouble() >= rate)
            return;
        Assert.True(memory.TryReadUInt64(entryAddress, out ulong entry));
        Assert.True(memory.TryWriteUInt64(entryAddress, EntryMutator.Mutate(random, entry, ept, maxPhysAddr, MemorySize)));
    }

    private static PageSize DrawSize(Random random)
    {
        int roll = random.Next(20);
        return roll < 14 ? PageSize.Size4K : roll < 19 ? PageSize.Size2M : PageSize.Size1G;
    }

    // Few distinct indices per level so mappings share tables; a third in the upper half.
    private static ulong DrawLinear(Random random, int levels, PageSize size)
    {
        int lowest = size switch { PageSize.Size1G => 3, PageSize.Size2M => 2, _ => 1 };
        ulong linear = 0;
        for (int level = levels; level >= lowest; level--)
        {
            int fanout = level >= 3 ? 3 : 16;
            linear |= (ulong)random.Next(fanout) << (12 + (9 * (level - 1)));
        }
        if (random.Next(3) == 0)
        {
            int top = 12 + (9 * levels) - 1;
            linear |= ulong.MaxValue << top;
        }
        return linear;
    }
}
