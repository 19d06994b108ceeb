using System.Runtime.CompilerServices;
using NestedVirt.Exits;

namespace NestedVirt.Tests.Exits;

/// <summary>Sizes of the hot value types every build has, pinned so a layout change is a visible decision.</summary>
public sealed class StructSizeTests
{
    [Fact]
    public void ExitInfoIsOneCacheLine() => Assert.Equal(64, Unsafe.SizeOf<ExitInfo>());

#if INTEL_VMX
    [Fact]
    public void ExitReasonAndInterruptionInfoAreTheirRawFields()
    {
        Assert.Equal(4, Unsafe.SizeOf<VmxExitReasonField>());
        Assert.Equal(4, Unsafe.SizeOf<VmxInterruptionInfo>());
        Assert.Equal(8, Unsafe.SizeOf<CrAccessQualification>());
    }
#endif
}
