using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>L1's I/O, MSR and VMREAD/VMWRITE bitmaps (model 01 §3.3), read from guest memory.</summary>
public sealed class VmxInterceptBitmapsTests
{
    private static (Vmcs12 Vmcs12, GuestMemory Memory) Setup(PrimaryProcessorControls primary = PrimaryProcessorControls.UseIoBitmaps | PrimaryProcessorControls.UseMsrBitmaps)
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PrimaryControls = primary;
        return (state.Vmcs12, memory);
    }

    [Fact]
    public void IoAccessCrossingFromBitmapAIntoBReadsOneByteOfEach()
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        // Port 0x8000 is bit 0 of the first byte of bitmap B.
        NestedFixtures.SetBit(memory, NestedFixtures.IoBitmapBGpa, 0);
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.IoWantsExit(v, memory, 0x7FFF, 2, ref counters));
        Assert.Equal(2, counters.GuestBytesRead);
    }

    [Fact]
    public void IoAccessCrossingWithBothBitsClearStaysInL0()
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        // The same bit numbers in the "wrong" bitmaps must not count.
        NestedFixtures.SetBit(memory, NestedFixtures.IoBitmapAGpa, 0);
        NestedFixtures.SetBit(memory, NestedFixtures.IoBitmapBGpa, 0x7FFF);
        var counters = new PathCounters();

        Assert.False(VmxInterceptBitmaps.IoWantsExit(v, memory, 0x7FFE, 2, ref counters));
    }

    [Fact]
    public void IoAccessWithinOneBitmapByteReadsItOnce()
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        var counters = new PathCounters();

        Assert.False(VmxInterceptBitmaps.IoWantsExit(v, memory, 0x3F8, 4, ref counters));
        Assert.Equal(1, counters.GuestBytesRead);
    }

    [Fact]
    public void IoWalkStopsAtTheFirstSetBit()
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        NestedFixtures.SetBit(memory, NestedFixtures.IoBitmapAGpa, 0x7FFF);
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.IoWantsExit(v, memory, 0x7FFF, 4, ref counters));
        Assert.Equal(1, counters.GuestBytesRead);
    }

    [Fact]
    public void UnreadableIoBitmapReflectsToL1()
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        v.IoBitmapA = NestedFixtures.Unmapped;
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.IoWantsExit(v, memory, 0x60, 1, ref counters));
        Assert.Equal(0, counters.GuestBytesRead);
    }

    [Theory]
    [InlineData(0x00000000u, false, 0, 0)]
    [InlineData(0x00001FFFu, false, 0x3FF, 7)]
    [InlineData(0xC0000000u, false, 1024, 0)]
    [InlineData(0xC0001FFFu, false, 1024 + 0x3FF, 7)]
    [InlineData(0x0000001Bu, true, 2048 + 3, 3)]
    [InlineData(0xC0000080u, true, 3072 + 0x10, 0)]
    public void MsrBitLivesInTheQuarterOfTheBitmapTheSpecNames(uint msr, bool write, int byteOffset, int bit)
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        // read-low at 0, read-high at 1024, write-low at 2048, write-high at 3072 (model 01 §3.3).
        memory.TryGetSpan(NestedFixtures.MsrBitmapGpa + (ulong)byteOffset, 1, out Span<byte> b);
        b[0] = (byte)(1 << bit);
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.MsrWantsExit(v, memory, msr, write, ref counters));
        Assert.False(VmxInterceptBitmaps.MsrWantsExit(v, memory, msr, !write, ref counters));
        Assert.Equal(2, counters.GuestBytesRead);
    }

    [Theory]
    [InlineData(0x00002000u)]
    [InlineData(0x40000000u)]
    [InlineData(0xBFFFFFFFu)]
    [InlineData(0xC0002000u)]
    [InlineData(0xC0010000u)]
    public void MsrOutsideBothRangesGoesToL1WithoutReadingTheBitmap(uint msr)
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.MsrWantsExit(v, memory, msr, write: false, ref counters));
        Assert.Equal(0, counters.GuestBytesRead);
    }

    [Fact]
    public void UnreadableMsrBitmapReflectsToL1()
    {
        (Vmcs12 v, GuestMemory memory) = Setup();
        v.MsrBitmap = NestedFixtures.Unmapped;
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.MsrWantsExit(v, memory, 0x10, write: false, ref counters));
    }

    [Fact]
    public void WithoutMsrBitmapsEveryMsrExitGoesToL1()
    {
        (Vmcs12 v, GuestMemory memory) = Setup(PrimaryProcessorControls.None);
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.MsrWantsExit(v, memory, 0x10, write: false, ref counters));
        Assert.Equal(0, counters.GuestBytesRead);
    }

    [Theory]
    [InlineData(0x0000UL, 0x000, 0)]
    [InlineData(0x6800UL, 0xD00, 0)]
    [InlineData(0x7FFFUL, 0xFFF, 7)]
    public void VmreadBitmapBitDecidesForShadowedFields(ulong field, int byteOffset, int bit)
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        Vmcs12 v = state.Vmcs12;
        v.PrimaryControls = PrimaryProcessorControls.ActivateSecondaryControls;
        v.SecondaryControls = SecondaryProcessorControls.VmcsShadowing;
        var counters = new PathCounters();

        Assert.False(VmxInterceptBitmaps.VmcsAccessWantsExit(v, memory, field, write: false, ref counters));
        memory.TryGetSpan(NestedFixtures.VmreadBitmapGpa + (ulong)byteOffset, 1, out Span<byte> b);
        b[0] = (byte)(1 << bit);
        Assert.True(VmxInterceptBitmaps.VmcsAccessWantsExit(v, memory, field, write: false, ref counters));
        Assert.False(VmxInterceptBitmaps.VmcsAccessWantsExit(v, memory, field, write: true, ref counters));
    }

    [Fact]
    public void VmcsFieldAbove7FffAlwaysExitsToL1()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PrimaryControls = PrimaryProcessorControls.ActivateSecondaryControls;
        state.Vmcs12.SecondaryControls = SecondaryProcessorControls.VmcsShadowing;
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.VmcsAccessWantsExit(state.Vmcs12, memory, 0x8000, write: false, ref counters));
        Assert.Equal(0, counters.GuestBytesRead);
    }

    [Fact]
    public void UnreadableVmreadBitmapReflectsToL1()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx();
        state.Vmcs12.PrimaryControls = PrimaryProcessorControls.ActivateSecondaryControls;
        state.Vmcs12.SecondaryControls = SecondaryProcessorControls.VmcsShadowing;
        state.Vmcs12.VmreadBitmap = NestedFixtures.Unmapped;
        var counters = new PathCounters();

        Assert.True(VmxInterceptBitmaps.VmcsAccessWantsExit(state.Vmcs12, memory, 0x4400, write: false, ref counters));
    }
}
