using NestedVirt.Hypercalls;
using NestedVirt.Userspace;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>H-15 for every code but HvSignalEvent.</summary>
public class CallCodeDispatchTests
{
    private readonly HypercallFixture vm = new();

    [Fact]
    public void H15_PostMessageExitsToUserspaceWithInputAndGpas()
    {
        HypercallInput input = HypercallInput.Create(HvCallCode.PostMessage);
        HypercallRegisters regs = HypercallFixture.Regs(input);
        regs.Rax = 0xDEAD;

        Assert.Equal(HypercallOutcome.ExitToUserspace, vm.Run(ref regs, out _));
        Assert.Equal(KvmHypervExitType.Hcall, vm.Exit.Type);
        Assert.Equal(input.Value, vm.Exit.HcallInput);
        Assert.Equal(HypercallFixture.InputPage, vm.Exit.HcallParam0);
        Assert.Equal(HypercallFixture.OutputPage, vm.Exit.HcallParam1);
        // Registers stay as they were until userspace answers.
        Assert.Equal(0x1000UL, regs.Rip);
        Assert.Equal(0xDEADUL, regs.Rax);
        Assert.Equal(0, vm.Counters.HypercallsCompleted);
    }

    [Fact]
    public void H15_PostMessageWithoutActiveSynicIsInvalidHypercallInput()
    {
        vm.Vcpu.SynicActive = false;
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(HypercallInput.Create(HvCallCode.PostMessage)));
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void H15_PostMessageRepOrVariableHeaderIsInvalidHypercallInput(int repCount, int repStart, int varHead)
    {
        HypercallInput input = HypercallInput.Create(HvCallCode.PostMessage, variableHeaderSize: varHead, repCount: repCount, repStartIndex: repStart);
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(input));
    }

    [Fact]
    public void H15_LongSpinWaitSucceedsOnlyAsASimpleCall()
    {
        Assert.Equal(HvStatus.Success, vm.Complete(HypercallInput.Create(HvCallCode.NotifyLongSpinWait)));
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(HypercallInput.Create(HvCallCode.NotifyLongSpinWait, repCount: 1)));
    }

    public static TheoryData<HvCallCode, int, int, int, HvStatus> Shapes => new()
    {
        // code, varhead, rep count, rep start, expected (KVM kvm_hv_hypercall shape checks)
        { HvCallCode.FlushVirtualAddressList, 0, 4, 0, HvStatus.Success },
        { HvCallCode.FlushVirtualAddressList, 1, 4, 0, HvStatus.InvalidHypercallInput },
        { HvCallCode.FlushVirtualAddressList, 0, 0, 0, HvStatus.InvalidHypercallInput },
        { HvCallCode.FlushVirtualAddressList, 0, 4, 1, HvStatus.InvalidHypercallInput },
        { HvCallCode.FlushVirtualAddressListEx, 2, 4, 0, HvStatus.Success },
        { HvCallCode.FlushVirtualAddressSpace, 0, 0, 0, HvStatus.Success },
        { HvCallCode.FlushVirtualAddressSpace, 1, 0, 0, HvStatus.InvalidHypercallInput },
        { HvCallCode.FlushVirtualAddressSpace, 0, 1, 0, HvStatus.InvalidHypercallInput },
        { HvCallCode.FlushVirtualAddressSpaceEx, 1, 0, 0, HvStatus.Success },
        { HvCallCode.FlushVirtualAddressSpaceEx, 0, 0, 1, HvStatus.InvalidHypercallInput },
        { HvCallCode.SendSyntheticClusterIpi, 0, 0, 0, HvStatus.Success },
        { HvCallCode.SendSyntheticClusterIpi, 1, 0, 0, HvStatus.InvalidHypercallInput },
        { HvCallCode.SendSyntheticClusterIpiEx, 1, 0, 0, HvStatus.Success },
        { HvCallCode.SendSyntheticClusterIpiEx, 0, 2, 0, HvStatus.InvalidHypercallInput },
        { HvCallCode.FlushGuestPhysicalAddressSpace, 0, 0, 0, HvStatus.InvalidHypercallCode },
        { HvCallCode.PostMessageDirect, 0, 0, 0, HvStatus.InvalidHypercallCode },
        { (HvCallCode)0x0001, 0, 0, 0, HvStatus.InvalidHypercallCode },
        { (HvCallCode)0x8042, 0, 0, 0, HvStatus.InvalidHypercallCode },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void H15_InKernelCallsCheckTheirShape(HvCallCode code, int varHead, int repCount, int repStart, HvStatus expected)
    {
        Assert.Equal(expected, vm.Complete(HypercallInput.Create(code, variableHeaderSize: varHead, repCount: repCount, repStartIndex: repStart)));
    }

    [Fact]
    public void H15_FlushListReportsEveryRepCompleted()
    {
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.FlushVirtualAddressList, repCount: 9));
        vm.Run(ref regs, out _);
        Assert.Equal(0x0000_0009_0000_0000UL, regs.Rax);
    }

    [Fact]
    public void H15_SynDbgCallsFollowTheSynDbgState()
    {
        HypercallInput post = HypercallInput.Create(HvCallCode.PostDebugData);
        Assert.Equal(HvStatus.InvalidParameter, vm.Complete(HypercallInput.Create(HvCallCode.PostDebugData, fast: true)));
        Assert.Equal(HvStatus.InvalidHypercallCode, vm.Complete(post));

        vm.Vcpu.SyndbgEnabled = true;
        Assert.Equal(HvStatus.OperationDenied, vm.Complete(post));

        vm.Vcpu.SyndbgUsesHypercalls = true;
        vm.ExpectExit(post);
        vm.ExpectExit(HypercallInput.Create(HvCallCode.ResetDebugSession, fast: true));
    }

    [Fact]
    public void H15_ExtendedCallsGoToUserspaceUnlessFast()
    {
        vm.ExpectExit(HypercallInput.Create(HvCallCode.ExtQueryCapabilities));
        vm.ExpectExit(HypercallInput.Create((HvCallCode)0x8041));
        Assert.Equal(HvStatus.InvalidParameter, vm.Complete(HypercallInput.Create(HvCallCode.ExtQueryCapabilities, fast: true)));
    }
}
