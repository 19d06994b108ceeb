using System.Runtime.CompilerServices;
using NestedVirt.Paging;

namespace NestedVirt.Tests.Paging;

/// <summary>Pins the sizes of the walk's hot structs (as iced pins <c>Instruction</c>): a change is a deliberate decision.</summary>
public sealed class StructSizeTests
{
    [Fact]
    public void WalkResultIsTwentyFourBytes()
    {
        // Address (8) + FaultCode (8) + Status, PageSize, Level, Permissions, Stage, reserved (6 × 1) + EntriesRead (2).
        Assert.Equal(24, WalkResult.TotalSize);
        Assert.Equal(WalkResult.TotalSize, Unsafe.SizeOf<WalkResult>());
    }

    [Fact]
    public void PagingConfigIsFortyBytes()
    {
        // Root, RootTable, FrameMask, ReservedAddressMask (4 × 8) + Levels, MaxPhysAddr, Features,
        // RootValid (4 × 1) = 36, padded to 40 for the 8-byte alignment of the ulong fields.
        Assert.Equal(40, Unsafe.SizeOf<PagingConfig>());
    }

    [Fact]
    public void WalkStateIsEightyEightBytes()
    {
        // Two five-slot inline arrays of ulong (2 × 40) + LowestLevel and Levels (2 × 4).
        Assert.Equal(40, Unsafe.SizeOf<LevelBuffer>());
        Assert.Equal(88, Unsafe.SizeOf<WalkState>());
    }

    [Fact]
    public void FormatsAreEmptyStructs()
    {
        // No fields: the runtime gives an empty struct size 1; the JIT specialises on the type alone.
        Assert.Equal(1, Unsafe.SizeOf<EptFormat>());
        Assert.Equal(1, Unsafe.SizeOf<NptFormat>());
        Assert.Equal(1, Unsafe.SizeOf<X64GuestFormat>());
    }
}
