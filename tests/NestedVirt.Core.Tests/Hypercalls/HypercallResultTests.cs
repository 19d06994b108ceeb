using System.Runtime.CompilerServices;
using NestedVirt.Hypercalls;

namespace NestedVirt.Tests.Hypercalls;

public class HypercallResultTests
{
    [Fact]
    public void StatusIsBits15To0AndRepsCompletedBits43To32()
    {
        HypercallResult result = HypercallResult.Create(HvStatus.InvalidAlignment, repsCompleted: 10);

        Assert.Equal(0x0000_000A_0000_0004UL, result.Value);
        Assert.Equal(HvStatus.InvalidAlignment, result.Status);
        Assert.Equal(10, result.RepsCompleted);
        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void BitsAboveRepsCompletedAndBetweenFieldsAreIgnored()
    {
        // TLFS: 31:16 and 63:44 are "callers should ignore".
        var result = new HypercallResult(0xFFFF_F000_FFFF_0000UL);

        Assert.True(result.IsSuccess);
        Assert.Equal(0, result.RepsCompleted);
    }

    [Fact]
    public void SizeIsPinned() => Assert.Equal(8, Unsafe.SizeOf<HypercallResult>());
}
