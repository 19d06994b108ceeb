using NestedVirt.Memory;
using NestedVirt.Nested;

namespace NestedVirt.Tests.Nested;

/// <summary>Gates G-01, G-02, G-04 and G-05 of model 02 §7.2, read from L1 memory at the model 02 §7.1 offsets.</summary>
public sealed class DirectHypercallGateTests
{
#if INTEL_VMX
    private static (NestedVmxState State, GuestMemory Memory) OpenVmxGate()
    {
        (NestedVmxState state, GuestMemory memory) = NestedFixtures.Vmx(evmcs: true);
        memory.TryWriteUInt32(NestedFixtures.EvmcsGpa + 0x344, 1);
        memory.TryWriteUInt32(NestedFixtures.VpAssistGpa + 0x20, 1);
        return (state, memory);
    }

    [Fact]
    public void G01_OpenWhenEvmcsEnlightenmentAndVpAssistFeatureAreSet()
    {
        (NestedVmxState state, GuestMemory memory) = OpenVmxGate();
        Assert.True(DirectHypercallGate.IsVmxGateOpen(state, memory));
    }

    [Fact]
    public void G01_ClosedWithoutEvmcsEnlightenmentBit0()
    {
        (NestedVmxState state, GuestMemory memory) = OpenVmxGate();
        // Bit 1 (MsrBitmap) alone is not NestedFlushVirtualHypercall.
        memory.TryWriteUInt32(NestedFixtures.EvmcsGpa + 0x344, 2);
        Assert.False(DirectHypercallGate.IsVmxGateOpen(state, memory));
    }

    [Fact]
    public void G01_ClosedWithoutVpAssistDirectHypercall()
    {
        (NestedVmxState state, GuestMemory memory) = OpenVmxGate();
        memory.TryWriteUInt32(NestedFixtures.VpAssistGpa + 0x20, 2);
        Assert.False(DirectHypercallGate.IsVmxGateOpen(state, memory));
    }

    [Fact]
    public void G01_ClosedWhenNoEvmcsIsInUse()
    {
        (NestedVmxState state, GuestMemory memory) = OpenVmxGate();
        state.EvmcsGpa = NestedVmxState.InvalidGpa;
        Assert.False(DirectHypercallGate.IsVmxGateOpen(state, memory));
    }

    [Fact]
    public void G01_ClosedWithoutHyperVState()
    {
        (NestedVmxState state, GuestMemory memory) = OpenVmxGate();
        state.HasHyperVState = false;
        Assert.False(DirectHypercallGate.IsVmxGateOpen(state, memory));
    }

    [Fact]
    public void G01_ClosedWhenTheVpAssistPageIsOutsideGuestRam()
    {
        (NestedVmxState state, GuestMemory memory) = OpenVmxGate();
        state.VpAssistPageGpa = NestedFixtures.Unmapped;
        Assert.False(DirectHypercallGate.IsVmxGateOpen(state, memory));
    }
#endif

#if AMD_SVM
    [Fact]
    public void G02_OpenFromVmcb12EnlightenmentsAndVpAssistWithoutAnyEvmcs()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.HasHyperVState = true;
        state.VpAssistPageGpa = NestedFixtures.VpAssistGpa;
        memory.TryWriteUInt32(NestedFixtures.VpAssistGpa + 0x20, 1);
        Assert.False(DirectHypercallGate.IsSvmGateOpen(state, memory));

        memory.TryWriteUInt32(NestedFixtures.Vmcb12Gpa + 0x3E0, 1);
        Assert.True(DirectHypercallGate.IsSvmGateOpen(state, memory));

        memory.TryWriteUInt32(NestedFixtures.VpAssistGpa + 0x20, 0);
        Assert.False(DirectHypercallGate.IsSvmGateOpen(state, memory));
    }
#endif

    [Theory]
    [InlineData((ushort)0x0002, true)]
    [InlineData((ushort)0x0003, true)]
    [InlineData((ushort)0x0013, true)]
    [InlineData((ushort)0x0014, true)]
    [InlineData((ushort)0x0001, false)]
    [InlineData((ushort)0x0012, false)]
    [InlineData((ushort)0x005C, false)]
    [InlineData((ushort)0x005D, false)]
    public void G04_OnlyTheFourVirtualAddressFlushCallsQualify(ushort code, bool expected) =>
        Assert.Equal(expected, DirectHypercallGate.IsTlbFlushHypercall(code));

    [Fact]
    public void G05_NeedsAllThreeConditions()
    {
        Assert.True(DirectHypercallGate.L0HandlesL2Hypercall(true, true, 0x0002));
        Assert.False(DirectHypercallGate.L0HandlesL2Hypercall(false, true, 0x0002));
        Assert.False(DirectHypercallGate.L0HandlesL2Hypercall(true, false, 0x0002));
        Assert.False(DirectHypercallGate.L0HandlesL2Hypercall(true, true, 0x0001));
    }
}
