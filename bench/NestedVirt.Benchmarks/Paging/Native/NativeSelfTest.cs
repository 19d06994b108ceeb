using System.Globalization;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Paging.Native;

/// <summary>
/// What a C walker must pass before it is timed or counted: every planted fault of
/// <see cref="PlantedFault"/> answered with the rule's status by both walkers, then the whole
/// stream translated by both to the same addresses with the same number of entries read. A
/// yardstick that skips a check or walks other tables would make every ratio meaningless.
/// </summary>
internal static class NativeSelfTest
{
    /// <summary>Runs the self test on <paramref name="native"/>'s fixture (restoring every planted entry).</summary>
    /// <returns>The number of checks passed.</returns>
    /// <exception cref="InvalidOperationException">A check failed; the message names it.</exception>
    public static int Run(NativeWalkFixture native) => Run(native, native.WalkOne);

    /// <summary>As <see cref="Run(NativeWalkFixture)"/>, with the C walk replaceable (the self test's own tests break it on purpose).</summary>
    internal static int Run(NativeWalkFixture native, Func<ulong, AccessIntent, NativeResult> walkC)
    {
        bool oneD = native.Walker is NativeWalker.Ept1D or NativeWalker.Npt1D;
        bool ept = native.Walker is NativeWalker.Ept1D or NativeWalker.Ept2D;
        var cases = oneD ? (ept ? PlantedFault.Ept1D : PlantedFault.Npt1D) : PlantedFault.TwoD;
        ulong probe = native.Stream[0];
        int passed = 0;
        foreach (PlantedFault planted in cases)
        {
            ulong at = EntryAddress(native, planted, probe);
            var memory = native.Fixture.Memory;
            memory.TryReadUInt64(at, out ulong saved);
            memory.TryWriteUInt64(at, (saved & ~planted.Clear) | planted.Set);
            WalkResult managed = Managed(native, probe, planted.Intent);
            NativeResult c = walkC(probe, planted.Intent);
            memory.TryWriteUInt64(at, saved);
            Check(planted.Rule, planted.Expected, planted.Stage, managed, c);
            passed++;
        }

        // Beyond the walk's reach: 48 bits for a 4-level GPA, non-canonical for a linear address.
        ulong tooWide = oneD ? 1UL << 48 : 1UL << 47;
        Check("address beyond the levels' reach", WalkStatus.AddressTooWide, oneD ? FaultStage.Nested : FaultStage.Guest,
            Managed(native, tooWide, AccessIntent.Read), walkC(tooWide, AccessIntent.Read));
        passed++;

        for (int i = 0; i < native.Stream.Length; i++)
        {
            WalkResult managed = Managed(native, native.Stream[i], AccessIntent.Read);
            NativeResult c = walkC(native.Stream[i], AccessIntent.Read);
            if (c.Address != managed.Address || c.Status != (byte)managed.Status || c.Reads != managed.EntriesRead)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"C walker self test: stream[{i}] 0x{native.Stream[i]:X}: C# {managed}, C 0x{c.Address:X} status {c.Status}, {c.Reads} reads"));
            }
        }

        return passed + 1;
    }

    private static void Check(string rule, WalkStatus expected, FaultStage stage, WalkResult managed, NativeResult c)
    {
        // The C# walker is checked too: if it disagrees, the fault was planted in the wrong entry.
        if (managed.Status != expected || managed.Stage != stage)
            throw new InvalidOperationException($"C walker self test: '{rule}' planted wrongly: the C# walker says {managed}");
        if (c.Status != (byte)expected || c.Stage != (byte)stage || (expected == WalkStatus.Translated && c.Address != managed.Address))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"C walker self test: '{rule}': expected {expected} ({stage}), C says status {c.Status} stage {c.Stage} at 0x{c.Address:X}"));
        }
    }

    /// <summary>The C# walk the benchmark times, for one address.</summary>
    public static WalkResult Managed(NativeWalkFixture native, ulong address, AccessIntent intent)
    {
        WalkFixture f = native.Fixture;
        return native.Walker switch
        {
            NativeWalker.Ept1D => NestedTranslation.Translate<EptFormat>(f.Memory, f.Nested, address, intent),
            NativeWalker.Npt1D => NestedTranslation.Translate<NptFormat>(f.Memory, f.Nested, address, intent),
            NativeWalker.Ept2D => TwoDimensionalWalker.Walk<EptFormat>(f.Memory, f.Guest, f.Nested, address, intent),
            _ => TwoDimensionalWalker.Walk<NptFormat>(f.Memory, f.Guest, f.Nested, address, intent),
        };
    }

    // Where the planted entry sits in L1's memory, found with the C# walkers' per-level state.
    private static ulong EntryAddress(NativeWalkFixture native, PlantedFault planted, ulong probe)
    {
        WalkFixture f = native.Fixture;
        bool ept = native.Walker is NativeWalker.Ept1D or NativeWalker.Ept2D;
        var state = new WalkState();
        switch (planted.Entry)
        {
            case PlantedEntry.Guest:
                WalkTwoD(f, ept, probe, ref state);
                return state.EntryAddress[planted.Level - 1];
            case PlantedEntry.NestedOfGuestTable:
                // L1's EPT/NPT maps L2 GPAs one-to-one in the fixture, so the L2 GPA of L2's root
                // table is also where it sits in L1's memory.
                WalkNested(f, ept, f.Guest.RootTable, ref state);
                return state.EntryAddress[planted.Level - 1];
            default:
                ulong gpa = probe;
                if (native.Walker is NativeWalker.Ept2D or NativeWalker.Npt2D)
                    gpa = WalkTwoD(f, ept, probe, ref state).Address;
                WalkNested(f, ept, gpa, ref state);
                return state.EntryAddress[planted.Level - 1];
        }
    }

    private static WalkResult WalkTwoD(WalkFixture f, bool ept, ulong linear, ref WalkState state) => ept
        ? TwoDimensionalWalker.Walk<EptFormat>(f.Memory, f.Guest, f.Nested, linear, AccessIntent.Read, ref state)
        : TwoDimensionalWalker.Walk<NptFormat>(f.Memory, f.Guest, f.Nested, linear, AccessIntent.Read, ref state);

    private static void WalkNested(WalkFixture f, bool ept, ulong gpa, ref WalkState state)
    {
        WalkResult result = ept
            ? PageWalker.Walk<EptFormat>(f.Memory, f.Nested, gpa, AccessIntent.Read, ref state)
            : PageWalker.Walk<NptFormat>(f.Memory, f.Nested, gpa, AccessIntent.Read, ref state);
        if (!result.IsTranslated)
            throw new InvalidOperationException($"C walker self test: the fixture does not map 0x{gpa:X}: {result}");
    }
}
