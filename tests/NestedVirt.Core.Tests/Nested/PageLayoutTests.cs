using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Tests.Nested;

/// <summary>Offsets of model 02 §7.1 and model 01 §2, checked by writing raw bytes where docs/model says the field is.</summary>
public sealed class PageLayoutTests
{
    [Fact]
    public void VpAssistFieldsSitAtTheTlfsOffsets()
    {
        var memory = new GuestMemory(0x10000);
        memory.TryWriteUInt32(0x2000 + 0x20, 0b11);
        memory.TryGetSpan(0x2000 + 0x28, 1, out Span<byte> enlighten);
        enlighten[0] = 1;
        memory.TryWriteUInt64(0x2000 + 0x30, 0xABC000);
        var page = new VpAssistPage(memory, 0x2000);

        Assert.True(page.TryReadFeatures(out VpAssistFeatures features));
        Assert.Equal(VpAssistFeatures.DirectHypercall | VpAssistFeatures.VirtualizationException, features);
        Assert.True(page.TryReadEnlightenVmEntry(out bool enabled));
        Assert.True(enabled);
        Assert.True(page.TryReadCurrentNestedVmcs(out ulong evmcs));
        Assert.Equal(0xABC000UL, evmcs);
    }

    [Theory]
    [InlineData(0x12345001UL, true, 0x12345000UL)]
    [InlineData(0x12345000UL, false, 0UL)]
    public void VpAssistMsrBit0EnablesAndBits63To12HoldThePfn(ulong msr, bool enabled, ulong gpa)
    {
        Assert.Equal(enabled, VpAssistPage.TryDecodeMsr(msr, out ulong decoded));
        Assert.Equal(gpa, decoded);
    }

#if INTEL_VMX
    [Fact]
    public void EvmcsCleanFieldsAndEnlightenmentsControlSitAt0x338And0x344()
    {
        var memory = new GuestMemory(0x10000);
        memory.TryWriteUInt32(0x3000 + 0x338, 0x1000);
        memory.TryWriteUInt32(0x3000 + 0x344, 0x1);
        var evmcs = new EnlightenedVmcs(memory, 0x3000);

        Assert.True(evmcs.TryReadCleanFields(out EvmcsCleanFields clean));
        Assert.Equal(EvmcsCleanFields.GuestGrp2, clean);
        Assert.True(evmcs.TryReadEnlightenmentsControl(out HvEnlightenmentsControl control));
        Assert.Equal(HvEnlightenmentsControl.NestedFlushVirtualHypercall, control);
    }
#endif

#if INTEL_VMX
    [Fact]
    public void EvmcsCleanFieldBitsAreNumberedAsTheTlfs()
    {
        Assert.Equal(1u << 0, (uint)EvmcsCleanFields.IoBitmap);
        Assert.Equal(1u << 8, (uint)EvmcsCleanFields.Crdr);
        Assert.Equal(1u << 11, (uint)EvmcsCleanFields.GuestGrp1);
        Assert.Equal(1u << 12, (uint)EvmcsCleanFields.GuestGrp2);
        Assert.Equal(1u << 15, (uint)EvmcsCleanFields.EnlightenmentsControl);
        Assert.Equal(0xFFFFu, (uint)EvmcsCleanFields.All);
    }
#endif

#if AMD_SVM
    [Fact]
    public void Vmcb12ControlCacheReadsTheSpecOffsets()
    {
        var memory = new GuestMemory(0x10000);
        const ulong vmcb = 0x4000;
        memory.TryWriteUInt32(vmcb + 0x008, 1u << 14);
        memory.TryWriteUInt32(vmcb + 0x010, 1u << 1);
        memory.TryWriteUInt64(vmcb + 0x048, 0x8123);
        memory.TryWriteUInt64(vmcb + 0x090, 1);
        memory.TryWriteUInt64(vmcb + 0x0B0, 0x5000);
        memory.TryWriteUInt32(vmcb + 0x0C0, 1u << 31);
        memory.TryWriteUInt64(vmcb + 0x0C8, 0x401234);
        memory.TryWriteUInt32(vmcb + 0x3E0, 0b11);
        var counters = new NestedVirt.Counters.PathCounters();

        Assert.True(Vmcb12Controls.TryLoad(memory, vmcb, withHyperV: true, out Vmcb12Controls c, ref counters));
        Assert.True(c.IsIntercepted((int)SvmInterceptBit.ExceptionBase + 14));
        Assert.True(c.IsIntercepted(SvmInterceptBit.Vmmcall));
        Assert.Equal(0x8000UL, c.MsrpmBasePa);
        Assert.True(c.NestedPagingEnabled);
        Assert.Equal(0x5000UL, c.NestedCr3);
        Assert.Equal(VmcbCleanBits.HvNestedEnlightenments, c.CleanBits);
        Assert.Equal(0x401234UL, c.NextRip);
        Assert.Equal(HvEnlightenmentsControl.NestedFlushVirtualHypercall | HvEnlightenmentsControl.MsrBitmap, c.HvEnlightenments);
        Assert.Equal(30, counters.VmcsFieldsRead);
    }
#endif

#if AMD_SVM
    [Fact]
    public void Vmcb12ControlCacheFailsOutsideGuestRam()
    {
        var memory = new GuestMemory(0x10000);
        var counters = new NestedVirt.Counters.PathCounters();
        Assert.False(Vmcb12Controls.TryLoad(memory, 0x20000, withHyperV: false, out _, ref counters));
        Assert.Equal(0, counters.VmcsFieldsRead);
    }
#endif
}
