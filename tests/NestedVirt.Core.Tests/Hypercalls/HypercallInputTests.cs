using System.Runtime.CompilerServices;
using NestedVirt.Hypercalls;

namespace NestedVirt.Tests.Hypercalls;

public class HypercallInputTests
{
    public static IEnumerable<object[]> DecodeCases() => DataFile.Cases("Hypercalls/HypercallInputDecode.txt");

    [Theory]
    [MemberData(nameof(DecodeCases))]
    public void InputValueDecodesAsTheTlfsTable(int line, string[] f, string row)
    {
        var input = new HypercallInput(DataFile.ParseNumber(f[0]));
        string at = $"line {line} ({row})";

        Assert.True(DataFile.ParseNumber(f[1]) == input.CallCode, at);
        Assert.True((f[2] == "1") == input.IsFast, at);
        Assert.True((int)DataFile.ParseNumber(f[3]) == input.VariableHeaderSize, at);
        Assert.True((f[4] == "1") == input.IsNested, at);
        Assert.True((int)DataFile.ParseNumber(f[5]) == input.RepCount, at);
        Assert.True((int)DataFile.ParseNumber(f[6]) == input.RepStartIndex, at);
        Assert.True((f[7] == "1") == input.HasTlfsReservedBits, at);
        Assert.True((f[8] == "1") == input.HasKvmReservedBits, at);
        Assert.True((input.RepCount != 0 || input.RepStartIndex != 0) == input.IsRep, at);
    }

    [Fact]
    public void H01_KvmReservedMaskCoversBits31To27IncludingNested()
    {
        Assert.Equal(0xF000_F000_F800_0000UL, HypercallInput.KvmReservedMask);
        Assert.Equal(0xF000_F000_7800_0000UL, HypercallInput.TlfsReservedMask);
        Assert.Equal(0x8000_0000UL, HypercallInput.NestedBit);
    }

    [Fact]
    public void R02_WithNestedClearedKeepsEveryOtherBit()
    {
        var input = new HypercallInput(0x0002_0005_8001_005CUL);
        HypercallInput cleared = input.WithNestedCleared();

        Assert.Equal(0x0002_0005_0001_005CUL, cleared.Value);
        Assert.False(cleared.IsNested);
    }

    [Fact]
    public void CreateEncodesEveryField()
    {
        HypercallInput input = HypercallInput.Create(
            HvCallCode.FlushVirtualAddressListEx, fast: true, variableHeaderSize: 2, repCount: 7, repStartIndex: 3, nested: true);

        Assert.Equal(0x0003_0007_8005_0014UL, input.Value);
    }

    [Fact]
    public void CreateRejectsFieldsWiderThanTheirBits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HypercallInput.Create(HvCallCode.PostMessage, repCount: 0x1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => HypercallInput.Create(HvCallCode.PostMessage, repStartIndex: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HypercallInput.Create(HvCallCode.PostMessage, variableHeaderSize: 0x400));
    }

    [Fact]
    public void SizeIsPinned() => Assert.Equal(16, Unsafe.SizeOf<HypercallInput>());
}
