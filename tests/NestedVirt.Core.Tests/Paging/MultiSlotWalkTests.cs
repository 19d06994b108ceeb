using NestedVirt.Memory;
using NestedVirt.Paging;
using NestedVirt.Paging.Building;

namespace NestedVirt.Tests.Paging;

/// <summary>
/// A 1-D walk reads the first memory slot without a call and restarts through the slot lookup
/// when an entry lies elsewhere. The same tables split over two slots must walk exactly as in
/// one slot: same result, same entries, same A/D bits, no allocation; and a table in the hole
/// between the slots is <see cref="WalkStatus.TableOutsideMemory"/>.
/// </summary>
public sealed class MultiSlotWalkTests
{
    private const ulong TableRegion = 8 << 20;
    private const ulong Size = 32 << 20;
    // The root is the first table allocated, at TableRegion: it stays in slot 0, the rest of
    // the tables fall in slot 1, so every walk leaves the first slot after one entry.
    private const ulong SplitAt = TableRegion + 0x1000;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TablesSplitOverTwoSlotsWalkAsInOne(bool ept)
    {
        var (one, config) = Build(ept);
        var (two, _) = Build(ept);
        two = Split(two, [new MemorySlot(0, SplitAt), new MemorySlot(SplitAt, Size - SplitAt)]);

        for (int i = 0; i < 64; i++)
        {
            ulong gpa = ((ulong)i * 0x1_3000 % (4 << 20)) + (ulong)(i * 8);
            var intent = (i & 1) == 0 ? AccessIntent.Read : AccessIntent.Write;
            var a = default(WalkState);
            var b = default(WalkState);
            WalkResult expected = Walk(ept, one, config, gpa, intent, ref a);
            WalkResult actual = Walk(ept, two, config, gpa, intent, ref b);

            Assert.True(expected.IsTranslated, expected.ToString());
            Assert.Equal(expected.ToString(), actual.ToString());
            Assert.Equal(gpa, actual.Address);
            for (int level = 1; level <= 4; level++)
            {
                Assert.Equal(a.Entry[level - 1], b.Entry[level - 1]);
                Assert.Equal(a.EntryAddress[level - 1], b.EntryAddress[level - 1]);
                Assert.True(two.TryReadUInt64(b.EntryAddress[level - 1], out ulong written));
                Assert.True(one.TryReadUInt64(a.EntryAddress[level - 1], out ulong reference));
                Assert.Equal(reference, written);
            }
        }
    }

    [Fact]
    public void ATableInTheHoleBetweenSlotsIsOutsideMemory()
    {
        var (one, config) = Build(ept: true);
        GuestMemory memory = Split(one, [new MemorySlot(0, SplitAt), new MemorySlot(SplitAt + 0x1000, Size - SplitAt - 0x1000)]);

        // Every walk needs the PDPT at SplitAt, which now lies in the hole.
        WalkResult result = PageWalker.Walk<EptFormat>(memory, config, 0x1234, AccessIntent.Read);

        Assert.Equal(WalkStatus.TableOutsideMemory, result.Status);
        Assert.Equal(3, result.Level);
        Assert.Equal(1, result.EntriesRead);
    }

    [Fact]
    public void WalksThatLeaveTheFirstSlotAllocateNothing()
    {
        var (one, config) = Build(ept: true);
        GuestMemory memory = Split(one, [new MemorySlot(0, SplitAt), new MemorySlot(SplitAt, Size - SplitAt)]);
        static ulong Run(GuestMemory memory, PagingConfig config)
        {
            ulong sum = 0;
            for (int i = 0; i < 10_000; i++)
                sum += PageWalker.Walk<EptFormat>(memory, config, (ulong)(i & 255) << 12, AccessIntent.Read).Address;
            return sum;
        }

        Run(memory, config);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ulong sum = Run(memory, config);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0UL, sum);
    }

    private static (GuestMemory Memory, PagingConfig Config) Build(bool ept)
    {
        var memory = new GuestMemory(Size);
        var builder = new PageTableBuilder(memory, ept ? PageTableKind.Ept : PageTableKind.X64, 4, TableRegion, 8 << 20);
        builder.Map(0, 0, 4 << 20, PageSize.Size4K, PageAccess.All);
        Assert.Equal(TableRegion, builder.RootTable);
        PagingConfig config = ept
            ? PagingConfig.Ept(builder.Eptp(accessedDirty: true), EptVpidCapabilities.KvmNestedDefault)
            : PagingConfig.Npt(builder.RootPointer, 4);
        return (memory, config);
    }

    /// <summary>A copy of one-slot <paramref name="source"/> in the given slots (bytes outside them are dropped).</summary>
    private static GuestMemory Split(GuestMemory source, MemorySlot[] slots)
    {
        var memory = new GuestMemory(slots);
        foreach (MemorySlot slot in slots)
        {
            Assert.True(source.TryGetSpan(slot.GpaBase, (int)slot.Size, out Span<byte> from));
            Assert.True(memory.TryGetSpan(slot.GpaBase, (int)slot.Size, out Span<byte> to));
            from.CopyTo(to);
        }
        return memory;
    }

    private static WalkResult Walk(bool ept, GuestMemory memory, PagingConfig config, ulong gpa, AccessIntent intent, ref WalkState state) => ept
        ? PageWalker.Walk<EptFormat>(memory, config, gpa, intent, ref state)
        : PageWalker.Walk<NptFormat>(memory, config, gpa, intent, ref state);
}
