using System.Runtime.CompilerServices;
using NestedVirt.Exits;
using NestedVirt.Nested;
using NestedVirt.Reflection;

namespace NestedVirt.Tests.Exits;

/// <summary>Sizes of the hot value types, pinned so a layout change is a visible decision.</summary>
public sealed class StructSizeTests
{
    [Fact]
    public void ExitInfoIsOneCacheLine() => Assert.Equal(64, Unsafe.SizeOf<ExitInfo>());

    [Fact]
    public void L0ExitContextIsTwelveBytes() => Assert.Equal(12, Unsafe.SizeOf<L0ExitContext>());

    [Fact]
    public void ExitReasonAndInterruptionInfoAreTheirRawFields()
    {
        Assert.Equal(4, Unsafe.SizeOf<VmxExitReasonField>());
        Assert.Equal(4, Unsafe.SizeOf<VmxInterruptionInfo>());
        Assert.Equal(8, Unsafe.SizeOf<CrAccessQualification>());
    }

    [Fact]
    public void L1HandlerCostIsSevenWords() => Assert.Equal(28, Unsafe.SizeOf<L1HandlerCost>());

    [Fact]
    public void PageAccessorsAreAReferenceAndAGpa()
    {
        Assert.Equal(16, Unsafe.SizeOf<VpAssistPage>());
        Assert.Equal(16, Unsafe.SizeOf<EnlightenedVmcs>());
    }

    [Fact]
    public void VmcbSegmentMatchesTheApmLayout() => Assert.Equal(16, Unsafe.SizeOf<VmcbSegment>());

    [Fact]
    public void GuestSegmentFieldsHold36Fields() => Assert.Equal(36 * 8, Unsafe.SizeOf<GuestSegmentFields>());
}
