using System.Runtime.CompilerServices;
using NestedVirt.Exits;
using NestedVirt.Nested;
using NestedVirt.Reflection;

namespace NestedVirt.Tests.Exits;

/// <summary>Sizes of the nested code's value types, pinned so a layout change is a visible decision.</summary>
public sealed class NestedStructSizeTests
{
    [Fact]
    public void L0ExitContextIsTwelveBytes() => Assert.Equal(12, Unsafe.SizeOf<L0ExitContext>());

#if INTEL_VMX && AMD_SVM
    [Fact]
    public void L1HandlerCostIsSevenWords() => Assert.Equal(28, Unsafe.SizeOf<L1HandlerCost>());
#endif

    [Fact]
    public void PageAccessorsAreAReferenceAndAGpa()
    {
        Assert.Equal(16, Unsafe.SizeOf<VpAssistPage>());
#if INTEL_VMX
        Assert.Equal(16, Unsafe.SizeOf<EnlightenedVmcs>());
#endif
    }

#if AMD_SVM
    [Fact]
    public void VmcbSegmentMatchesTheApmLayout() => Assert.Equal(16, Unsafe.SizeOf<VmcbSegment>());
#endif

#if INTEL_VMX
    [Fact]
    public void GuestSegmentFieldsHold36Fields() => Assert.Equal(36 * 8, Unsafe.SizeOf<GuestSegmentFields>());
#endif
}
