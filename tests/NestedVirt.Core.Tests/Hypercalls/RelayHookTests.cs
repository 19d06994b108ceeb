using System.Runtime.CompilerServices;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>The R-03 hook: TryBegin, the relay's own GPA translation, Finish.</summary>
public class RelayHookTests
{
    private const ulong L2Gpa = 0x7_0000_3000;
    private const ulong L1Gpa = 0x6000;
    private readonly HypercallFixture vm = new();

    private HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.PostMessage), rdx: L2Gpa);

    [Fact]
    public void R03_TranslatedPostMessageExitsWithTheL1Gpa()
    {
        Assert.True(vm.Handler.TryBegin(in regs, in vm.Vcpu, out HypercallContext call, out _));
        Assert.True(call.HasTranslatableInputGpa);
        Assert.Equal(L2Gpa, call.InputParameter);

        call.SetTranslatedInputGpa(L1Gpa);
        HypercallOutcome outcome = vm.Handler.Finish(ref call, ref regs, in vm.Vcpu, ref vm.Exit, ref vm.Counters, out _);

        Assert.Equal(HypercallOutcome.ExitToUserspace, outcome);
        Assert.Equal(L1Gpa, vm.Exit.HcallParam0);
        Assert.True(call.IsInputGpaTranslated);
        Assert.False(call.HasTranslatableInputGpa);
    }

    [Fact]
    public void R03_FailedTranslationCompletesWithInvalidHypercallInput()
    {
        Assert.True(vm.Handler.TryBegin(in regs, in vm.Vcpu, out HypercallContext call, out _));
        call.FailTranslation();
        HypercallOutcome outcome = vm.Handler.Finish(ref call, ref regs, in vm.Vcpu, ref vm.Exit, ref vm.Counters, out HvStatus status);

        Assert.Equal(HypercallOutcome.CompletedInKernel, outcome);
        Assert.Equal(HvStatus.InvalidHypercallInput, status);
        Assert.Equal(0x1003UL, regs.Rip);
    }

    [Fact]
    public void R03_SlowSignalEventReadsAtTheTranslatedGpa()
    {
        Assert.Equal(0, vm.Eventfds.Ioctl(KvmHypervEventfd.Assign(2, fd: 0)));
        Assert.True(vm.Memory.TryWriteUInt64(L1Gpa, 2));
        regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.SignalEvent), rdx: L2Gpa);

        Assert.True(vm.Handler.TryBegin(in regs, in vm.Vcpu, out HypercallContext call, out _));
        call.SetTranslatedInputGpa(L1Gpa);
        HypercallOutcome outcome = vm.Handler.Finish(ref call, ref regs, in vm.Vcpu, ref vm.Exit, ref vm.Counters, out HvStatus status);

        Assert.Equal(HypercallOutcome.CompletedInKernel, outcome);
        Assert.Equal(HvStatus.Success, status);
        Assert.Equal(1, vm.Eventfds.GetSignalCount(0));
    }

    [Theory]
    [InlineData(HvCallCode.SignalEvent, true)]                 // fast: no GPA
    [InlineData(HvCallCode.FlushVirtualAddressSpace, false)]   // not relayed
    public void R03_OnlySlowPostAndSignalHaveATranslatableGpa(HvCallCode code, bool fast)
    {
        regs = HypercallFixture.Regs(HypercallInput.Create(code, fast: fast), rdx: L2Gpa);
        Assert.True(vm.Handler.TryBegin(in regs, in vm.Vcpu, out HypercallContext call, out _));

        Assert.False(call.HasTranslatableInputGpa);
        Assert.Throws<InvalidOperationException>(() => call.SetTranslatedInputGpa(L1Gpa));
    }

    [Fact]
    public void R03_AnEarlyFailureIsNotTranslated()
    {
        regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.PostMessage, nested: true), rdx: L2Gpa);
        Assert.True(vm.Handler.TryBegin(in regs, in vm.Vcpu, out HypercallContext call, out _));

        Assert.True(call.IsFailed);
        Assert.False(call.HasTranslatableInputGpa);
    }

    [Fact]
    public void TryBeginStopsOnUdWithoutAContext()
    {
        regs.Cpl = 3;
        Assert.False(vm.Handler.TryBegin(in regs, in vm.Vcpu, out _, out HypercallOutcome outcome));
        Assert.Equal(HypercallOutcome.InjectUd, outcome);
    }

    [Fact]
    public void ContextSizeIsPinned() => Assert.Equal(40, Unsafe.SizeOf<HypercallContext>());
}
