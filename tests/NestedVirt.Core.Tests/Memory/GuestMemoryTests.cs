using NestedVirt.Memory;

namespace NestedVirt.Tests.Memory;

/// <summary>
/// <see cref="GuestMemory"/>: slots, accesses at slot edges, no straddling (even across adjacent
/// slots, as KVM reads guest memory per slot), false instead of exceptions for guest addresses,
/// and <see cref="ArgumentException"/> for bad slot layouts.
/// </summary>
public sealed class GuestMemoryTests
{
    // Two slots with a gap, given out of order: [0x10000, 0x12000) and [0, 0x1000).
    private static GuestMemory TwoSlots() => new([new MemorySlot(0x1_0000, 0x2000), new MemorySlot(0, 0x1000)]);

    [Fact]
    public void SlotsAreOrderedByBaseAndShareOneZeroedStore()
    {
        GuestMemory memory = TwoSlots();
        Assert.Equal(2, memory.SlotCount);
        Assert.Equal(new MemorySlot(0, 0x1000), memory.GetSlot(0));
        Assert.Equal(new MemorySlot(0x1_0000, 0x2000), memory.GetSlot(1));
        Assert.Equal(0x1_2000UL, memory.GetSlot(1).GpaEnd);
        Assert.Equal(0x3000, memory.TotalSize);
        Assert.True(memory.TryReadUInt64(0x1_1FF8, out ulong value));
        Assert.Equal(0UL, value);
    }

    [Fact]
    public void SingleSizeConstructorMakesOneSlotAtZero()
    {
        var memory = new GuestMemory(0x4000);
        Assert.Equal(1, memory.SlotCount);
        Assert.Equal(new MemorySlot(0, 0x4000), memory.GetSlot(0));
    }

    [Fact]
    public void AccessesAtSlotEdgesSucceed()
    {
        GuestMemory memory = TwoSlots();
        Assert.True(memory.TryWriteUInt64(0x0, 0x1111_2222_3333_4444));            // first bytes of slot 0
        Assert.True(memory.TryWriteUInt64(0xFF8, 0x5555_6666_7777_8888));          // last 8 bytes of slot 0
        Assert.True(memory.TryWriteUInt64(0x1_0000, 0x9999_AAAA_BBBB_CCCC));       // first bytes of slot 1
        Assert.True(memory.TryWriteUInt32(0x1_1FFC, 0xDDDD_EEEE));                 // last 4 bytes of slot 1
        Assert.True(memory.TryReadByte(0x1_1FFF, out byte last));
        Assert.Equal(0xDD, last);

        Assert.True(memory.TryReadUInt64(0x0, out ulong a));
        Assert.True(memory.TryReadUInt64(0xFF8, out ulong b));
        Assert.True(memory.TryReadUInt64(0x1_0000, out ulong c));
        Assert.True(memory.TryReadUInt32(0x1_1FFC, out uint d));
        Assert.Equal((0x1111_2222_3333_4444UL, 0x5555_6666_7777_8888UL, 0x9999_AAAA_BBBB_CCCCUL, 0xDDDD_EEEEu), (a, b, c, d));
        Assert.True(memory.Contains(0xFF8, 8));
        Assert.True(memory.Contains(0x1_0000, 0x2000));
    }

    [Fact]
    public void ValuesAreLittleEndian()
    {
        var memory = new GuestMemory(0x1000);
        Assert.True(memory.TryWriteUInt64(0x10, 0x0102_0304_0506_0708));
        Assert.True(memory.TryReadByte(0x10, out byte low));
        Assert.True(memory.TryReadByte(0x17, out byte high));
        Assert.Equal((0x08, 0x01), (low, high));
        Assert.True(memory.TryReadUInt32(0x14, out uint upper));
        Assert.Equal(0x0102_0304u, upper);
    }

    [Fact]
    public void AccessStraddlingTwoAdjacentSlotsFails()
    {
        var memory = new GuestMemory([new MemorySlot(0, 0x1000), new MemorySlot(0x1000, 0x1000)]);
        Assert.True(memory.TryWriteUInt64(0xFF8, ulong.MaxValue));
        Assert.True(memory.TryWriteUInt64(0x1000, ulong.MaxValue));

        Assert.False(memory.TryReadUInt64(0xFFC, out ulong value));
        Assert.Equal(0UL, value);
        Assert.False(memory.TryWriteUInt64(0xFFC, 0));
        Assert.False(memory.TryReadUInt32(0xFFE, out uint small));
        Assert.Equal(0u, small);
        Assert.False(memory.TryWriteUInt32(0xFFE, 0));
        Assert.False(memory.TryGetSpan(0x800, 0x1000, out Span<byte> span));
        Assert.True(span.IsEmpty);
        Assert.False(memory.Contains(0xFFF, 2));

        // The failed writes wrote nothing.
        Assert.True(memory.TryReadUInt64(0xFF8, out ulong left));
        Assert.True(memory.TryReadUInt64(0x1000, out ulong right));
        Assert.Equal((ulong.MaxValue, ulong.MaxValue), (left, right));
    }

    [Theory]
    [InlineData(0x1000UL)]                  // the gap after slot 0
    [InlineData(0xFFF8UL)]                  // just below slot 1
    [InlineData(0x1_2000UL)]                // just past slot 1
    [InlineData(0x1_1FFCUL)]                // runs past the end of slot 1
    [InlineData(0x000F_FFFF_FFFF_F000UL)]   // top of the 52-bit space
    [InlineData(ulong.MaxValue - 3)]        // wraps around
    public void AccessOutsideEverySlotReturnsFalseAndDoesNotThrow(ulong gpa)
    {
        GuestMemory memory = TwoSlots();
        Assert.False(memory.TryReadUInt64(gpa, out ulong value));
        Assert.Equal(0UL, value);
        Assert.False(memory.TryWriteUInt64(gpa, 1));
        Assert.False(memory.TryGetSpan(gpa, 8, out _));
        Assert.False(memory.Contains(gpa, 8));
    }

    [Fact]
    public void OutsideByteAndNegativeSpanReturnFalse()
    {
        GuestMemory memory = TwoSlots();
        Assert.False(memory.TryReadByte(0x2000, out byte value));
        Assert.Equal(0, value);
        Assert.False(memory.TryGetSpan(0, -1, out _));
        Assert.True(memory.TryGetSpan(0x1_0000, 0, out Span<byte> empty));
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public void SpansAreViewsOfTheSlotAndClearZeroesEverything()
    {
        GuestMemory memory = TwoSlots();
        Assert.True(memory.TryGetSpan(0x1_1000, 0x1000, out Span<byte> page));
        page.Fill(0xAB);
        Assert.True(memory.TryReadUInt64(0x1_1FF8, out ulong value));
        Assert.Equal(0xABAB_ABAB_ABAB_ABABUL, value);
        Assert.True(memory.TryReadUInt64(0x0, out ulong other));
        Assert.Equal(0UL, other);

        memory.Clear();
        Assert.True(memory.TryReadUInt64(0x1_1FF8, out value));
        Assert.Equal(0UL, value);
    }

    [Fact]
    public void SlotAtTheTopOfTheFiftyTwoBitSpaceIsAccepted()
    {
        var memory = new GuestMemory([new MemorySlot((1UL << 52) - 0x1000, 0x1000)]);
        Assert.True(memory.TryWriteUInt64((1UL << 52) - 8, 42));
        Assert.False(memory.TryReadUInt64(1UL << 52, out _));
    }

    public static TheoryData<MemorySlot[]> BadLayouts => new()
    {
        Array.Empty<MemorySlot>(),                                                    // no slot
        new[] { new MemorySlot(0, 0) },                                               // empty slot
        new[] { new MemorySlot(0x800, 0x1000) },                                      // unaligned base
        new[] { new MemorySlot(0, 0x1800) },                                          // unaligned size
        new[] { new MemorySlot(0, 0x2000), new MemorySlot(0x1000, 0x1000) },          // overlap
        new[] { new MemorySlot(0x1000, 0x1000), new MemorySlot(0, 0x2000) },          // overlap, given out of order
        new[] { new MemorySlot(0, 0x1000), new MemorySlot(0, 0x1000) },               // same base twice
        new[] { new MemorySlot(1UL << 52, 0x1000) },                                  // beyond 52 bits
        new[] { new MemorySlot((1UL << 52) - 0x1000, 0x2000) },                       // runs past 52 bits
        new[] { new MemorySlot(0xFFFF_FFFF_FFFF_F000, 0x1000) },                      // wraps around
        new[] { new MemorySlot(0, 0x6000_0000), new MemorySlot(0x1_0000_0000, 0x6000_0000) },   // more than one array holds
    };

    [Theory]
    [MemberData(nameof(BadLayouts))]
    public void BadSlotLayoutThrowsArgumentException(MemorySlot[] slots)
    {
        var e = Assert.Throws<ArgumentException>(() => new GuestMemory(slots));
        Assert.Equal("slots", e.ParamName);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(0x1001UL)]
    public void BadSingleSizeThrowsArgumentException(ulong size) =>
        Assert.Throws<ArgumentException>(() => new GuestMemory(size));
}
