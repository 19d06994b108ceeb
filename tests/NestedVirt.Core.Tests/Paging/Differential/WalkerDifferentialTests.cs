using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;
using NestedVirt.Tests.Paging.Reference;
using Xunit.Abstractions;

namespace NestedVirt.Tests.Paging.Differential;

/// <summary>
/// The core's one-dimensional EPT and NPT walks against <see cref="ReferenceWalker"/> over seeded
/// random tables (<see cref="RandomPageTables"/> with malformed entries planted at 0, 5 and 30 %),
/// 4 and 5 levels, MAXPHYADDR 36/39/46/52, random capabilities, roots and intents. Each walk runs
/// on its own copy of memory; results and the A/D effects on memory must be identical.
/// </summary>
public sealed class WalkerDifferentialTests(ITestOutputHelper output)
{
    private const int WalksPerFormat = 200_000;
    private const int WalksPerTableSet = 2_000;
    private const ulong MemorySize = 4 << 20;
    private const ulong TableRegion = 0x10_0000;
    private static readonly int[] MaxPhysAddrs = [36, 39, 46, 52];
    private static readonly double[] MalformedRates = [0, 0.05, 0.3];

    [Fact]
    public void EptWalksAgreeWithReference() => Run(ept: true, baseSeed: 0x0E97_0000);

    [Fact]
    public void NptWalksAgreeWithReference() => Run(ept: false, baseSeed: 0x0A3D_0000);

    private void Run(bool ept, int baseSeed)
    {
        var core = new GuestMemory(MemorySize);
        var reference = new GuestMemory(MemorySize);
        var tally = new StatusTally();
        for (int set = 0; tally.Total < WalksPerFormat; set++)
        {
            if (!RunTableSet(ept, baseSeed + set, set, core, reference, tally, checkAllMemoryEveryWalk: false))
            {
                // Memory diverged somewhere only a full comparison sees: replay the set walk by walk.
                RunTableSet(ept, baseSeed + set, set, core, reference, new StatusTally(), checkAllMemoryEveryWalk: true);
                Assert.Fail($"seed {baseSeed + set}: memory differs after the set, but no single walk was found");
            }
        }

        output.WriteLine($"{(ept ? "EPT" : "NPT")}: {tally}");
        tally.AssertAtLeast(100, "Translated", "NotPresent", "PermissionFault", "Misconfigured",
            "TableOutsideMemory", "AddressTooWide", "InvalidRoot", "A/D written");
    }

    /// <returns>False when the whole memories differ after the set although every walk agreed.</returns>
    private static bool RunTableSet(bool ept, int seed, int set, GuestMemory core, GuestMemory reference,
        StatusTally tally, bool checkAllMemoryEveryWalk)
    {
        var random = new Random(seed);
        int levels = (set & 1) == 0 ? 4 : 5;
        int maxPhysAddr = MaxPhysAddrs[(set >> 1) & 3];
        double rate = MalformedRates[(set >> 3) % 3];
        // One set in ten gets a root with random faults (InvalidRoot); the others a usable root.
        bool perturbRoot = set % 10 == 9;

        core.Clear();
        var options = new RandomTableOptions
        {
            MalformedRate = rate,
            TableRegionBase = TableRegion,
            TableRegionSize = 2 << 20,
            MaxPhysAddr = maxPhysAddr,
        };
        RandomPageTables tables = RandomPageTables.Create(core, ept ? PageTableKind.Ept : PageTableKind.X64, levels, seed, options);
        WalkComparison.CopyMemory(core, reference);

        PagingConfig config;
        ReferenceConfig referenceConfig;
        string describe;
        if (ept)
        {
            EptVpidCapabilities caps = DrawCapabilities(random, perturbRoot);
            ulong eptp = DrawEptp(random, tables.Builder.RootTable, levels, maxPhysAddr, caps, perturbRoot);
            config = PagingConfig.Ept(eptp, caps, maxPhysAddr);
            referenceConfig = ReferenceConfig.Ept(eptp, (ulong)caps, maxPhysAddr);
            describe = $"EPTP 0x{eptp:X}, caps 0x{(ulong)caps:X}, M {maxPhysAddr}, levels {levels}, malformed {rate}";
        }
        else
        {
            bool nxe = random.Next(2) == 0;
            bool pages1G = random.Next(4) != 0;
            ulong ncr3 = tables.Builder.RootTable | (uint)random.Next(0x1000);
            if (perturbRoot && random.Next(2) == 0)
                ncr3 |= 1UL << random.Next(maxPhysAddr, 64);
            config = PagingConfig.Npt(ncr3, levels, nxe, pages1G, maxPhysAddr);
            referenceConfig = ReferenceConfig.Npt(ncr3, levels, nxe, pages1G, maxPhysAddr);
            describe = $"nCR3 0x{ncr3:X}, NXE {nxe}, 1G {pages1G}, M {maxPhysAddr}, levels {levels}, malformed {rate}";
        }

        var touched = new List<ulong>();
        for (int walk = 0; walk < WalksPerTableSet; walk++)
        {
            ulong address = DrawAddress(random, tables.Probes, levels);
            var intent = (AccessIntent)random.Next(64);

            var state = default(WalkState);
            WalkResult coreResult = ept
                ? PageWalker.Walk<EptFormat>(core, config, address, intent, ref state)
                : PageWalker.Walk<NptFormat>(core, config, address, intent, ref state);
            ReferenceResult referenceResult = ReferenceWalker.Walk(reference, referenceConfig, address, WalkComparison.ToReference(intent));

            string where = $"seed {seed} ({describe}), walk {walk}, address 0x{address:X}, intent {intent}";
            string? differences = WalkComparison.Differences(coreResult, referenceResult, compareEntriesRead: true);
            if (differences is not null)
                Assert.Fail($"{where}: {differences} differ\n  core:      {coreResult}\n  reference: {referenceResult}");

            touched.Clear();
            touched.AddRange(referenceResult.Touched);
            for (int level = 1; level <= 5; level++)
                touched.Add(state.EntryAddress[level - 1]);
            ulong? entry = WalkComparison.FirstEntryDifference(core, reference, touched);
            if (entry is ulong at)
                Assert.Fail($"{where}: the entry at 0x{at:X} differs after the walk\n  core:      {coreResult}\n  reference: {referenceResult}");
            if (checkAllMemoryEveryWalk && WalkComparison.FirstByteDifference(core, reference) is long byteAt and >= 0)
                Assert.Fail($"{where}: memory differs at 0x{byteAt:X} after the walk\n  core:      {coreResult}\n  reference: {referenceResult}");

            tally.Add(coreResult);
            if (coreResult.IsTranslated && (ept ? referenceConfig.AccessedDirty : true))
                tally.Add("A/D written");
        }

        return WalkComparison.FirstByteDifference(core, reference) < 0;
    }

    private static EptVpidCapabilities DrawCapabilities(Random random, bool perturbRoot)
    {
        var caps = EptVpidCapabilities.None;
        if (random.Next(4) != 0) caps |= EptVpidCapabilities.ExecuteOnly;
        if (random.Next(3) == 0) caps |= EptVpidCapabilities.MemoryTypeUc;
        if (random.Next(4) != 0) caps |= EptVpidCapabilities.Pages2M;
        if (random.Next(4) != 0) caps |= EptVpidCapabilities.Pages1G;
        if (random.Next(5) != 0) caps |= EptVpidCapabilities.AccessedDirty;
        if (!perturbRoot || random.Next(3) != 0) caps |= EptVpidCapabilities.MemoryTypeWb;
        if (!perturbRoot || random.Next(3) != 0) caps |= EptVpidCapabilities.PageWalkLength4;
        if (!perturbRoot || random.Next(3) != 0) caps |= EptVpidCapabilities.PageWalkLength5;
        return caps;
    }

    /// <summary>A usable EPTP for these capabilities, or (when <paramref name="perturbRoot"/>) one with random faults.</summary>
    private static ulong DrawEptp(Random random, ulong root, int levels, int maxPhysAddr, EptVpidCapabilities caps, bool perturbRoot)
    {
        bool uc = (caps & EptVpidCapabilities.MemoryTypeUc) != 0 && random.Next(4) == 0;
        ulong memoryType = uc ? 0UL : 6UL;
        ulong walkLength = (ulong)(levels - 1);
        bool accessedDirty = (caps & EptVpidCapabilities.AccessedDirty) != 0 && random.Next(2) == 0;
        if (perturbRoot)
        {
            if (random.Next(3) == 0) memoryType = (ulong)random.Next(8);
            if (random.Next(3) == 0) walkLength = (ulong)random.Next(8);
            if (random.Next(3) == 0) accessedDirty = true;
        }
        ulong eptp = root | memoryType | (walkLength << 3) | (accessedDirty ? 1UL << 6 : 0);
        if (perturbRoot && random.Next(4) == 0) eptp |= 1UL << random.Next(7, 12);
        if (perturbRoot && random.Next(4) == 0) eptp |= 1UL << random.Next(maxPhysAddr, 64);
        return eptp;
    }

    private static ulong DrawAddress(Random random, IReadOnlyList<ulong> probes, int levels)
    {
        ulong probe = probes[random.Next(probes.Count)];
        int roll = random.Next(100);
        if (roll < 55)
            return probe;
        if (roll < 65)
            return probe ^ (ulong)random.Next(1, 4096);
        if (roll < 77)
            return probe ^ (1UL << random.Next(12, levels == 4 ? 48 : 52));
        if (roll < 87)
            return (probe & ~0x1F_FFFFUL) | (uint)random.Next(0, 0x20_0000);
        if (roll < 96)
            return (ulong)random.NextInt64() & ((1UL << (levels == 4 ? 48 : 52)) - 1);
        return (ulong)random.NextInt64() << random.Next(0, 3);
    }
}
