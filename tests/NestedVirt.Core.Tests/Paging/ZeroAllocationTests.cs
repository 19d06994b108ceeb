using NestedVirt.Memory;
using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// Walks allocate nothing (common standards: no allocation on hot paths): after a warm-up, 10,000
/// walks of each kind, translating and faulting, with and without caches, leave
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> unchanged.
/// </summary>
public sealed class ZeroAllocationTests
{
    private const int Walks = 10_000;

    [Fact]
    public void EptWalksAllocateNothing()
    {
        var chain = new EntryChain(ept: true, levels: 4);
        // A W-only PDPTE beside the probe's (PDPT index 2): a misconfiguration.
        Assert.True(chain.Memory.TryWriteUInt64(EntryChain.TableOf(3) + (2 * 8), EntryChain.TableOf(2) | 0b010));
        PagingConfig good = PagingConfig.Ept(EntryChain.TableOf(4) | 0x5E, EptVpidCapabilities.KvmNestedDefault);
        PagingConfig badRoot = PagingConfig.Ept(EntryChain.TableOf(4) | 0x5F, EptVpidCapabilities.KvmNestedDefault);
        ulong[] addresses =
        [
            EntryChain.Probe4,                   // translated
            EntryChain.Probe4 ^ (1UL << 30),     // PDPT index 2: misconfigured
            EntryChain.Probe4 ^ (1UL << 21),     // PD index 5: not present
            EntryChain.Probe4 ^ (1UL << 48),     // too wide
        ];

        AssertNoAllocation(() => WalkEpt(chain.Memory, good, badRoot, addresses));
    }

    [Fact]
    public void NptWalksAllocateNothing()
    {
        var chain = new EntryChain(ept: false, levels: 5);
        PagingConfig good = PagingConfig.Npt(chain.RootTable, 5);
        PagingConfig badRoot = PagingConfig.Npt(chain.RootTable | (1UL << 60), 5);
        ulong[] addresses = [EntryChain.Probe5, EntryChain.Probe5 ^ (1UL << 12), EntryChain.Probe5 | (1UL << 55)];

        AssertNoAllocation(() => WalkNpt(chain.Memory, good, badRoot, addresses));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void TwoDimensionalWalksAllocateNothing(bool ept, bool cached)
    {
        var layout = new TwoDimensionalLayout(ept, guestLevels: 4, nestedLevels: 4);
        layout.SetNestedLeaf(TwoDimensionalLayout.DataL2 + 0x1000, 0);   // the neighbour page: nested fault on the final address
        PagingCaches? caches = cached ? new PagingCaches() : null;
        ulong[] linears =
        [
            layout.Linear,                    // translated
            layout.Linear + 0x1000,           // nested fault, final address
            layout.Linear + 0x2000,           // guest PTE not present
            layout.Linear ^ (1UL << 50),      // not canonical
        ];

        AssertNoAllocation(() => Walk2D(layout, caches, linears));
    }

    private static long WalkEpt(GuestMemory memory, PagingConfig good, PagingConfig badRoot, ulong[] addresses)
    {
        long sum = 0;
        var state = default(WalkState);
        for (int i = 0; i < Walks; i++)
        {
            ulong address = addresses[i % addresses.Length];
            var intent = (AccessIntent)(1 << (i % 3));
            sum += PageWalker.Walk<EptFormat>(memory, good, address, intent, ref state).EntriesRead;
            sum += PageWalker.Walk<EptFormat>(memory, (i & 7) == 0 ? badRoot : good, address, intent).FaultCode > 0 ? 1 : 0;
        }
        return sum;
    }

    private static long WalkNpt(GuestMemory memory, PagingConfig good, PagingConfig badRoot, ulong[] addresses)
    {
        long sum = 0;
        var state = default(WalkState);
        for (int i = 0; i < Walks; i++)
        {
            ulong address = addresses[i % addresses.Length];
            var intent = (AccessIntent)(1 << (i % 3));
            sum += PageWalker.Walk<NptFormat>(memory, good, address, intent, ref state).EntriesRead;
            sum += PageWalker.Walk<NptFormat>(memory, (i & 7) == 0 ? badRoot : good, address, intent).FaultCode > 0 ? 1 : 0;
        }
        return sum;
    }

    private static long Walk2D(TwoDimensionalLayout layout, PagingCaches? caches, ulong[] linears)
    {
        long sum = 0;
        PagingConfig guest = layout.Guest();
        PagingConfig nested = layout.Nested();
        var state = default(WalkState);
        for (int i = 0; i < Walks; i++)
        {
            ulong linear = linears[i % linears.Length];
            var intent = (AccessIntent)(1 << (i % 3));
            WalkResult r = layout.Ept
                ? TwoDimensionalWalker.Walk<EptFormat>(layout.Memory, guest, nested, linear, intent, ref state, caches)
                : TwoDimensionalWalker.Walk<NptFormat>(layout.Memory, guest, nested, linear, intent, caches);
            sum += r.EntriesRead;
        }
        return sum;
    }

    private static void AssertNoAllocation(Func<long> walks)
    {
        // Warm-up: JIT, tiering and the first touch of every path.
        long warm = walks() + walks();
        Assert.True(warm > 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = walks();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sum > 0);
        Assert.Equal(0, allocated);
    }
}
