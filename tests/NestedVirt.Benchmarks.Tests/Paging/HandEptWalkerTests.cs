using NestedVirt.Benchmarks.Paging;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Tests.Paging;

/// <summary>The hand-written yardstick of WalkerSpecialisation does what the generic walker does.</summary>
public sealed class HandEptWalkerTests
{
    [Theory]
    [InlineData(AccessIntent.Read)]
    [InlineData(AccessIntent.Write)]
    public void ItTranslatesLikeTheGenericWalkerAndLeavesTheSameAccessedAndDirtyBits(AccessIntent intent)
    {
        WalkFixture hand = Fixture();
        WalkFixture generic = Fixture();

        for (int pass = 0; pass < 2; pass++)
        {
            foreach (ulong gpa in hand.PhysicalStream)
            {
                ulong expected = PageWalker.Walk<EptFormat>(generic.Memory, generic.Nested, gpa, intent).Address;
                Assert.Equal(expected, HandEptWalker.Walk(hand.Memory, hand.Nested.RootTable, gpa, (ulong)intent, accessedDirty: true));
            }
        }

        Assert.True(Bytes(hand).SequenceEqual(Bytes(generic)), "the two walkers left different tables");
    }

    [Fact]
    public void ItRefusesWhatTheRulesRefuse()
    {
        WalkFixture f = Fixture();
        ulong gpa = f.PhysicalStream[0];
        var state = new WalkState();
        Assert.True(PageWalker.Walk<EptFormat>(f.Memory, f.Nested, gpa, AccessIntent.Read, ref state).IsTranslated);
        ulong pde = state.EntryAddress[1];
        f.Memory.TryReadUInt64(pde, out ulong saved);

        f.Memory.TryWriteUInt64(pde, (saved & ~1UL) | 2);  // E-02: write without read
        Assert.Equal(ulong.MaxValue, HandEptWalker.Walk(f.Memory, f.Nested.RootTable, gpa, 1, accessedDirty: true));
        f.Memory.TryWriteUInt64(pde, saved & ~2UL);        // E-07: a write through a read-only PDE
        Assert.Equal(ulong.MaxValue, HandEptWalker.Walk(f.Memory, f.Nested.RootTable, gpa, 2, accessedDirty: true));
        Assert.Equal(gpa, HandEptWalker.Walk(f.Memory, f.Nested.RootTable, gpa, 1, accessedDirty: true));
    }

    private static WalkFixture Fixture() => new(NestedFormat.Ept, 4, PageSize.Size4K, 1024, workingSetPages: 512);

    private static byte[] Bytes(WalkFixture f)
    {
        Assert.True(f.Memory.TryGetSpan(0, (int)f.Memory.TotalSize, out Span<byte> span));
        return span.ToArray();
    }
}
