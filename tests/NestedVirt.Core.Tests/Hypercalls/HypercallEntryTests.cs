using NestedVirt.Hypercalls;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>H-10 to H-14: what happens before the switch on the call code.</summary>
public class HypercallEntryTests
{
    private readonly HypercallFixture vm = new();

    [Theory]
    [InlineData(3, true)]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public void H10_NonZeroCplOrRealModeQueuesUdWithoutStatus(byte cpl, bool protectedMode)
    {
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.PostMessage));
        regs.Cpl = cpl;
        regs.ProtectedMode = protectedMode;
        regs.Rax = 0x1234;

        Assert.Equal(HypercallOutcome.InjectUd, vm.Run(ref regs, out _));
        Assert.Equal(0x1000UL, regs.Rip);
        Assert.Equal(0x1234UL, regs.Rax);
        Assert.Equal(0, vm.Counters.HypercallsCompleted);
    }

    [Fact]
    public void HypercallsNotEnabledAreNotHyperVCalls()
    {
        vm.Vcpu.HypercallEnabled = false;
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.PostMessage));

        Assert.Equal(HypercallOutcome.NotHyperV, vm.Run(ref regs, out _));
        Assert.Equal(0x1000UL, regs.Rip);
    }

    [Fact]
    public void H11_ThirtyTwoBitCallerIsDecodedFromRegisterPairs()
    {
        var regs = new HypercallRegisters
        {
            Rax = 0x005C, Rdx = 0,            // EDX:EAX = HvPostMessage
            Rcx = 0x3000, Rbx = 0,            // EBX:ECX = input GPA
            Rsi = 0x4000, Rdi = 0x1,          // EDI:ESI = output GPA 0x1_0000_4000
            ProtectedMode = true, LongMode = true, CsL = false, InstructionLength = 3, Rip = 0x2000,
        };

        Assert.Equal(HypercallOutcome.ExitToUserspace, vm.Run(ref regs, out _));
        Assert.Equal(0x5CUL, vm.Exit.HcallInput);
        Assert.Equal(0x3000UL, vm.Exit.HcallParam0);
        Assert.Equal(0x1_0000_4000UL, vm.Exit.HcallParam1);
    }

    [Theory]
    [InlineData(HvCallCode.PostMessage, HvCpuidBits.PostMessages)]
    [InlineData(HvCallCode.SignalEvent, HvCpuidBits.SignalEvents)]
    public void H12_EnforcedCpuidWithoutPrivilegeIsAccessDenied(HvCallCode code, uint privilege)
    {
        vm.Vcpu.EnforceCpuid = true;
        vm.Vcpu.FeaturesEbx &= ~privilege;

        Assert.Equal(HvStatus.AccessDenied, vm.Complete(HypercallInput.Create(code, fast: true)));
    }

    [Fact]
    public void H12_WithoutEnforcementPrivilegesAreNotChecked()
    {
        vm.Vcpu.FeaturesEbx = 0;
        vm.ExpectExit(HypercallInput.Create(HvCallCode.PostMessage));
    }

    [Fact]
    public void H12_AccessIsCheckedBeforeReservedBits()
    {
        vm.Vcpu.EnforceCpuid = true;
        vm.Vcpu.FeaturesEbx = 0;

        Assert.Equal(HvStatus.AccessDenied, vm.Complete(HypercallInput.Create(HvCallCode.PostMessage, nested: true)));
    }

    [Theory]
    [InlineData(HvCallCode.FlushVirtualAddressSpace, HvCpuidBits.RemoteTlbFlushRecommended)]
    [InlineData(HvCallCode.FlushVirtualAddressSpaceEx, HvCpuidBits.ExProcessorMasksRecommended)]
    [InlineData(HvCallCode.SendSyntheticClusterIpi, HvCpuidBits.ClusterIpiRecommended)]
    public void H12_FlushAndIpiNeedTheirRecommendation(HvCallCode code, uint recommendation)
    {
        vm.Vcpu.EnforceCpuid = true;
        vm.Vcpu.EnlightenmentsEax &= ~recommendation;

        Assert.Equal(HvStatus.AccessDenied, vm.Complete(HypercallInput.Create(code)));
    }

    [Fact]
    public void H12_ExtendedCallsNeedEnableExtendedHypercalls()
    {
        vm.Vcpu.EnforceCpuid = true;
        vm.Vcpu.FeaturesEbx &= ~HvCpuidBits.EnableExtendedHypercalls;

        Assert.Equal(HvStatus.AccessDenied, vm.Complete(HypercallInput.Create((HvCallCode)0x8041)));
    }

    [Fact]
    public void H13_NestedBitIsInvalidHypercallInputAsKvm()
    {
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(HypercallInput.Create(HvCallCode.PostMessage, nested: true)));
    }

    [Theory]
    [InlineData(0x0000_0000_0800_005CUL)]
    [InlineData(0x0000_1000_0000_005CUL)]
    [InlineData(0x1000_0000_0000_005CUL)]
    public void H13_TlfsReservedBitsAreInvalidHypercallInput(ulong value)
    {
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(new HypercallInput(value)));
    }

    [Fact]
    public void H14_XmmFastInputWithoutAvailabilityUnderEnforcementQueuesUd()
    {
        vm.Vcpu.EnforceCpuid = true;
        vm.Vcpu.FeaturesEdx = 0;
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.FlushVirtualAddressSpaceEx, fast: true));

        Assert.Equal(HypercallOutcome.InjectUd, vm.Run(ref regs, out _));
        Assert.Equal(0x1000UL, regs.Rip);
    }

    [Fact]
    public void H14_XmmFastInputWithAvailabilityProceeds()
    {
        vm.Vcpu.EnforceCpuid = true;
        Assert.Equal(HvStatus.Success, vm.Complete(HypercallInput.Create(HvCallCode.FlushVirtualAddressSpaceEx, fast: true)));
    }

    [Fact]
    public void H14_SendIpiIsNotAnXmmCall()
    {
        vm.Vcpu.EnforceCpuid = true;
        vm.Vcpu.FeaturesEdx = 0;
        Assert.Equal(HvStatus.Success, vm.Complete(HypercallInput.Create(HvCallCode.SendSyntheticClusterIpi, fast: true)));
    }
}
