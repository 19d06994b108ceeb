using NestedVirt.Hypercalls;
using NestedVirt.Kvm;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>H-15 for HvSignalEvent (0x005D): eventfd in the kernel, or fall through to userspace.</summary>
public class SignalEventDispatchTests
{
    private readonly HypercallFixture vm = new();

    public SignalEventDispatchTests() => Assert.Equal(0, vm.Eventfds.Ioctl(KvmHypervEventfd.Assign(0x2A, fd: 1)));

    private static HypercallInput Fast => HypercallInput.Create(HvCallCode.SignalEvent, fast: true);

    private static HypercallInput Slow => HypercallInput.Create(HvCallCode.SignalEvent);

    [Fact]
    public void H15_FastSignalOfRegisteredConnectionCompletesInKernel()
    {
        Assert.Equal(HvStatus.Success, vm.Complete(Fast, rdx: 0x2A));
        Assert.Equal(1, vm.Eventfds.GetSignalCount(1));
        Assert.Equal(1, vm.Counters.HypercallsCompleted);
        Assert.Equal(0, vm.Counters.UserspaceRoundTrips);
    }

    [Fact]
    public void H15_SlowSignalReadsEightBytesAtTheInputGpa()
    {
        Assert.True(vm.Memory.TryWriteUInt64(HypercallFixture.InputPage + 8, 0x2A));

        Assert.Equal(HvStatus.Success, vm.Complete(Slow, rdx: HypercallFixture.InputPage + 8));
        Assert.Equal(1, vm.Eventfds.GetSignalCount(1));
        Assert.Equal(8, vm.Counters.GuestBytesRead);
    }

    [Theory]
    [InlineData(HypercallFixture.InputPage + 4)]     // not 8-byte aligned
    [InlineData(HypercallFixture.InputPage + 0xFFC)] // crosses into the next page
    [InlineData(HypercallFixture.Hole)]              // outside L1's GPA space
    public void H15_SlowSignalWithBadInputGpaIsInvalidAlignment(ulong gpa)
    {
        Assert.Equal(HvStatus.InvalidAlignment, vm.Complete(Slow, rdx: gpa));
    }

    [Theory]
    [InlineData(0x0000_0000_0100_002AUL)] // connection id bit 24
    [InlineData(0x0001_0000_0000_002AUL)] // RsvdZ bytes 6-7
    public void H15_ReservedBitsOutsideTheConnectionIdAreInvalidHypercallInput(ulong value)
    {
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(Fast, rdx: value));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void H15_RepOrVariableHeaderIsInvalidHypercallInput(bool rep)
    {
        HypercallInput input = rep
            ? HypercallInput.Create(HvCallCode.SignalEvent, fast: true, repCount: 1)
            : HypercallInput.Create(HvCallCode.SignalEvent, fast: true, variableHeaderSize: 1);
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(input, rdx: 0x2A));
    }

    [Fact]
    public void H15_UnknownConnectionFallsThroughToUserspace()
    {
        vm.ExpectExit(Fast, rdx: 0x2B);

        Assert.Equal(0x2BUL, vm.Exit.HcallParam0);
        Assert.Equal(0, vm.Eventfds.GetSignalCount(1));
    }

    [Fact]
    public void H15_NonZeroFlagNumberFallsThroughToUserspace()
    {
        ulong value = HvSignalEventInput.Create(0x2A, flagNumber: 3).Value;
        vm.ExpectExit(Fast, rdx: value);

        Assert.Equal(value, vm.Exit.HcallParam0);
    }

    [Fact]
    public void H17_FallenThroughSlowSignalCarriesTheValueReadNotTheGpa()
    {
        Assert.True(vm.Memory.TryWriteUInt64(HypercallFixture.InputPage, 0x77));
        vm.ExpectExit(Slow, rdx: HypercallFixture.InputPage);

        Assert.Equal(0x77UL, vm.Exit.HcallParam0);
        // The guest's fast bit is passed through unchanged: 0 for this slow call.
        Assert.Equal(Slow.Value, vm.Exit.HcallInput);
    }

    [Fact]
    public void H15_FallThroughWithoutActiveSynicIsInvalidHypercallInput()
    {
        vm.Vcpu.SynicActive = false;
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(Fast, rdx: 0x2B));
    }
}
