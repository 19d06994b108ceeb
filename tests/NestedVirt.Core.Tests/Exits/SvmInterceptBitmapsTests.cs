using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>L1's MSR and I/O permission maps (model 01 §5 D-12; APM Vol 2 §15.10–15.11).</summary>
public sealed class SvmInterceptBitmapsTests
{
    [Theory]
    [InlineData(0x00000000u, 0)]
    [InlineData(0x00001FFFu, 0x3FFE)]
    [InlineData(0xC0000000u, 0x4000)]
    [InlineData(0xC0001FFFu, 0x7FFE)]
    [InlineData(0xC0010000u, 0x8000)]
    [InlineData(0xC0011FFFu, 0xBFFE)]
    public void MsrpmReadBitFollowsTheApmRanges(uint msr, int expectedBit) =>
        Assert.Equal(expectedBit, SvmInterceptBitmaps.MsrpmBit(msr));

    [Theory]
    [InlineData(0x00002000u)]
    [InlineData(0x40000000u)]
    [InlineData(0xC0002000u)]
    [InlineData(0xC0012000u)]
    public void MsrOutsideTheMsrpmRangesHasNoBit(uint msr) => Assert.Equal(-1, SvmInterceptBitmaps.MsrpmBit(msr));

    [Fact]
    public void IoAccessCrossingAnIopmByteReadsTwoBytes()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.IoioProt);
        NestedFixtures.SetBit(memory, NestedFixtures.IopmGpa, 0x400);
        var counters = new PathCounters();

        NestedExitResult result = SvmInterceptBitmaps.IoIntercept(state.Control, memory, SvmIoioInfo.Create(0x3FE, 4, isIn: false), ref counters);

        Assert.Equal(NestedExitResult.Done, result);
        Assert.Equal(2, counters.GuestBytesRead);
    }

    [Fact]
    public void IoAccessInsideOneIopmByteReadsOneByte()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.IoioProt);
        var counters = new PathCounters();

        NestedExitResult result = SvmInterceptBitmaps.IoIntercept(state.Control, memory, SvmIoioInfo.Create(0x3F8, 4, isIn: true), ref counters);

        Assert.Equal(NestedExitResult.Host, result);
        Assert.Equal(1, counters.GuestBytesRead);
    }

    [Fact]
    public void MsrWriteReadsTheOddBitOfThePair()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.MsrProt);
        // MSR 0xC0000081 (STAR): bit pair at 0x4000 + 2*0x81; write bit is the odd one.
        NestedFixtures.SetBit(memory, NestedFixtures.MsrpmGpa, 0x4000 + 2 * 0x81 + 1);
        var counters = new PathCounters();

        Assert.Equal(NestedExitResult.Done, SvmInterceptBitmaps.MsrIntercept(state.Control, memory, 0xC0000081, write: true, ref counters));
        Assert.Equal(NestedExitResult.Host, SvmInterceptBitmaps.MsrIntercept(state.Control, memory, 0xC0000081, write: false, ref counters));
        Assert.Equal(2, counters.GuestBytesRead);
    }
}
