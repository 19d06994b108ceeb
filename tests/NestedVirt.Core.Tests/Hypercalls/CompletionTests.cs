using NestedVirt.Hypercalls;
using NestedVirt.Userspace;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>H-16 (in-kernel completion) and H-17 (completion after userspace).</summary>
public class CompletionTests
{
    private const ulong AssistPage = 0x5000;
    private readonly HypercallFixture vm = new();

    [Fact]
    public void H16_CompletionWritesResultSkipsInstructionAndCounts()
    {
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.NotifyLongSpinWait, repCount: 1));
        regs.InstructionLength = 3;

        Assert.Equal(HypercallOutcome.CompletedInKernel, vm.Run(ref regs, out HvStatus status));
        Assert.Equal(HvStatus.InvalidHypercallInput, status);
        Assert.Equal(3UL, regs.Rax);
        Assert.Equal(0x1003UL, regs.Rip);
        Assert.Equal(1, vm.Counters.HypercallsCompleted);
    }

    [Fact]
    public void H16_ThirtyTwoBitCallerGetsTheResultInEdxEax()
    {
        var regs = new HypercallRegisters
        {
            Rax = (ulong)HvCallCode.FlushVirtualAddressList, Rdx = 0x0000_0005, // rep count 5 in EDX bits 11:0
            ProtectedMode = true, InstructionLength = 3, Rip = 0x2000,
        };

        Assert.Equal(HypercallOutcome.CompletedInKernel, vm.Run(ref regs, out _));
        Assert.Equal(0UL, regs.Rax);   // SUCCESS in EAX
        Assert.Equal(5UL, regs.Rdx);   // reps completed in EDX bits 11:0
    }

    [Fact]
    public void H16_L2FlushWithTlbLockHeldTrapsAfterFlush()
    {
        vm.Vcpu.GuestMode = true;
        vm.Vcpu.PartitionAssistPageGpa = AssistPage;
        Assert.True(vm.Memory.TryWriteUInt32(AssistPage, 1));
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.FlushVirtualAddressSpace));

        Assert.Equal(HypercallOutcome.CompletedTrapAfterFlush, vm.Run(ref regs, out HvStatus status));
        Assert.Equal(HvStatus.Success, status);
        Assert.Equal(0x1003UL, regs.Rip);
        Assert.Equal(4, vm.Counters.GuestBytesRead);
    }

    [Fact]
    public void H16_L2FlushWithTlbLockFreeCompletesNormally()
    {
        vm.Vcpu.GuestMode = true;
        vm.Vcpu.PartitionAssistPageGpa = AssistPage;
        Assert.Equal(HvStatus.Success, vm.Complete(HypercallInput.Create(HvCallCode.FlushVirtualAddressSpace)));
    }

    [Fact]
    public void H16_UnreadablePartitionAssistPageIsInvalidHypercallInput()
    {
        vm.Vcpu.GuestMode = true;
        vm.Vcpu.PartitionAssistPageGpa = HypercallFixture.Hole;
        Assert.Equal(HvStatus.InvalidHypercallInput, vm.Complete(HypercallInput.Create(HvCallCode.FlushVirtualAddressListEx, repCount: 1)));
    }

    [Fact]
    public void H16_NonFlushCallsInL2DoNotReadTheAssistPage()
    {
        vm.Vcpu.GuestMode = true;
        vm.Vcpu.PartitionAssistPageGpa = HypercallFixture.Hole;
        Assert.Equal(HvStatus.Success, vm.Complete(HypercallInput.Create(HvCallCode.NotifyLongSpinWait)));
        Assert.Equal(0, vm.Counters.GuestBytesRead);
    }

    [Fact]
    public void H17_UserspaceResultIsWrittenAndOneRoundTripCounted()
    {
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.PostMessage));
        Assert.Equal(HypercallOutcome.ExitToUserspace, vm.Run(ref regs, out _));
        vm.Exit.HcallResult = (ulong)HvStatus.InsufficientBuffers;

        HypercallOutcome outcome = vm.Handler.CompleteUserspace(ref regs, in vm.Exit, in vm.Vcpu, ref vm.Counters, out HvStatus status);

        Assert.Equal(HypercallOutcome.CompletedFromUserspace, outcome);
        Assert.Equal(HvStatus.InsufficientBuffers, status);
        Assert.Equal((ulong)HvStatus.InsufficientBuffers, regs.Rax);
        Assert.Equal(0x1003UL, regs.Rip);
        Assert.Equal(1, vm.Counters.UserspaceRoundTrips);
        Assert.Equal(1, vm.Counters.HypercallsCompleted);
    }

    [Fact]
    public void H17_CompletingANonHcallExitIsMisuse()
    {
        HypercallRegisters regs = HypercallFixture.Regs(HypercallInput.Create(HvCallCode.PostMessage));
        var synic = new KvmHypervExit { Type = KvmHypervExitType.Synic };
        HyperVVcpuState vcpu = vm.Vcpu;
        Assert.Throws<InvalidOperationException>(() => vm.Handler.CompleteUserspace(ref regs, in synic, in vcpu, ref vm.Counters, out _));
    }
}
