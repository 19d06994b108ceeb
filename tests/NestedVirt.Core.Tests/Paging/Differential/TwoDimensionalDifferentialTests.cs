using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Tests.Paging.Reference;
using Xunit.Abstractions;

namespace NestedVirt.Tests.Paging.Differential;

/// <summary>
/// The core's 2-D walk against <see cref="ReferenceTwoDimensionalWalker"/> (composed from the
/// reference 1-D walker as W-14 describes) over random guest and nested tables with faults
/// planted in both dimensions. Without caches every field and the memory must agree; with caches
/// (W-02) every field but the entry count, which the caches are there to lower, and the memory.
/// </summary>
public sealed class TwoDimensionalDifferentialTests(ITestOutputHelper output)
{
    private const int WalksPerFormat = 20_000;
    private const int WalksPerTableSet = 400;
    private static readonly double[] MalformedRates = [0, 0.05, 0.3];

    [Fact]
    public void TwoDimensionalWalksOverEptAgreeWithReference() => Run(ept: true, cached: false, baseSeed: 0x2D_E000);

    [Fact]
    public void TwoDimensionalWalksOverNptAgreeWithReference() => Run(ept: false, cached: false, baseSeed: 0x2D_A000);

    [Fact]
    public void CachedTwoDimensionalWalksOverEptAgreeWithReference() => Run(ept: true, cached: true, baseSeed: 0x2D_E800);

    [Fact]
    public void CachedTwoDimensionalWalksOverNptAgreeWithReference() => Run(ept: false, cached: true, baseSeed: 0x2D_A800);

    private void Run(bool ept, bool cached, int baseSeed)
    {
        var core = new GuestMemory(TwoDimensionalTableSet.MemorySize);
        var reference = new GuestMemory(TwoDimensionalTableSet.MemorySize);
        var tally = new StatusTally();
        for (int set = 0; tally.Total < WalksPerFormat; set++)
        {
            if (!RunTableSet(ept, cached, baseSeed + set, set, core, reference, tally, checkAllMemoryEveryWalk: false))
            {
                RunTableSet(ept, cached, baseSeed + set, set, core, reference, new StatusTally(), checkAllMemoryEveryWalk: true);
                Assert.Fail($"seed {baseSeed + set}: memory differs after the set, but no single walk was found");
            }
        }

        output.WriteLine($"2-D over {(ept ? "EPT" : "NPT")}{(cached ? " with caches" : "")}: {tally}");
        tally.AssertAtLeast(50, "Translated", "NotPresent", "PermissionFault", "Misconfigured", "Guest stage", "Nested stage",
            "nested fault on a guest table", "nested fault on the final address");
    }

    private static bool RunTableSet(bool ept, bool cached, int seed, int set, GuestMemory core, GuestMemory reference,
        StatusTally tally, bool checkAllMemoryEveryWalk)
    {
        double rate = MalformedRates[set % 3];
        TwoDimensionalTableSet tables = TwoDimensionalTableSet.Create(core, ept, seed, rate);
        WalkComparison.CopyMemory(core, reference);

        ReferenceConfig guest = ReferenceConfig.Guest(tables.GuestRoot, tables.Guest.Levels, tables.GuestNoExecute,
            tables.GuestWriteProtect, tables.GuestPages1G, tables.GuestMaxPhysAddr);
        ReferenceConfig nested = ept
            ? ReferenceConfig.Ept(tables.NestedRoot, (ulong)tables.EptCapabilities, tables.NestedMaxPhysAddr)
            : ReferenceConfig.Npt(tables.NestedRoot, tables.Nested.Levels, tables.NptNoExecute, tables.NptPages1G, tables.NestedMaxPhysAddr);
        // Small caches, so that evictions happen too.
        PagingCaches? caches = cached ? new PagingCaches(nestedTlbEntries: 16, pagingStructureEntriesPerLevel: 4) : null;

        var random = new Random(seed ^ 0x5A5A5A5A);
        var touched = new List<ulong>();
        for (int walk = 0; walk < WalksPerTableSet; walk++)
        {
            ulong linear = DrawLinear(random, tables.Probes);
            var intent = (AccessIntent)random.Next(16);

            var state = default(WalkState);
            WalkResult coreResult = ept
                ? TwoDimensionalWalker.Walk<EptFormat>(core, tables.Guest, tables.Nested, linear, intent, ref state, caches)
                : TwoDimensionalWalker.Walk<NptFormat>(core, tables.Guest, tables.Nested, linear, intent, ref state, caches);
            ReferenceResult referenceResult = ReferenceTwoDimensionalWalker.Walk(reference, guest, nested, linear, WalkComparison.ToReference(intent));

            string where = $"seed {seed} ({tables.Description}), walk {walk}, linear 0x{linear:X}, intent {intent}";
            string? differences = WalkComparison.Differences(coreResult, referenceResult, compareEntriesRead: !cached);
            if (differences is not null)
                Assert.Fail($"{where}: {differences} differ\n  core:      {coreResult}\n  reference: {referenceResult}");

            touched.Clear();
            touched.AddRange(referenceResult.Touched);
            for (int level = 1; level <= 5; level++)
                touched.Add(state.EntryAddress[level - 1]);
            if (WalkComparison.FirstEntryDifference(core, reference, touched) is ulong at)
                Assert.Fail($"{where}: the entry at 0x{at:X} differs after the walk\n  core:      {coreResult}\n  reference: {referenceResult}");
            if (checkAllMemoryEveryWalk && WalkComparison.FirstByteDifference(core, reference) is long byteAt and >= 0)
                Assert.Fail($"{where}: memory differs at 0x{byteAt:X} after the walk\n  core:      {coreResult}\n  reference: {referenceResult}");

            tally.Add(coreResult);
            if (coreResult.Stage == FaultStage.Nested)
            {
                bool table = ept
                    ? (coreResult.FaultCode & 0x180) == 0x80
                    : (coreResult.FaultCode & (1UL << 33)) != 0;
                bool final = ept
                    ? (coreResult.FaultCode & 0x180) == 0x180
                    : (coreResult.FaultCode & (1UL << 32)) != 0;
                if (table) tally.Add("nested fault on a guest table");
                if (final) tally.Add("nested fault on the final address");
            }
        }

        return WalkComparison.FirstByteDifference(core, reference) < 0;
    }

    private static ulong DrawLinear(Random random, List<ulong> probes)
    {
        ulong probe = probes.Count > 0 ? probes[random.Next(probes.Count)] : 0;
        int roll = random.Next(100);
        if (roll < 70)
            return probe;
        if (roll < 80)
            return probe ^ (1UL << random.Next(12, 40));
        if (roll < 95)
            return probe ^ (ulong)random.Next(1, 1 << 21);
        return (ulong)random.NextInt64();
    }
}
