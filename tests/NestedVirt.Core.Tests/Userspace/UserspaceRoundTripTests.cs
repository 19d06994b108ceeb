using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Memory;
using NestedVirt.Userspace;

namespace NestedVirt.Tests.Userspace;

public class UserspaceRoundTripTests
{
    /// <summary>A struct policy VMM: answers every hypercall with a fixed result and counts exits.</summary>
    private struct FixedAnswerVmm : IUserspaceVmm
    {
        public ulong Answer;
        public int Exits;

        public void HandleHypervExit(ref KvmHypervExit exit, GuestMemory l1Memory, ref PathCounters counters)
        {
            Exits++;
            exit.HcallResult = Answer;
        }
    }

    [Fact]
    public void H17_StructPolicyResultReachesRaxAndItsStateIsKept()
    {
        var memory = new GuestMemory(0x1000);
        var kernel = new HyperVHypercallHandler(memory, new HyperVEventfdTable());
        HyperVVcpuState vcpu = HyperVVcpuState.KvmDefault;
        var vmm = new FixedAnswerVmm { Answer = 0x0000_0001_0000_0000 | (ulong)HvStatus.InsufficientBuffers };
        PathCounters counters = default;
        KvmHypervExit exit = default;
        HypercallRegisters regs = HypercallRegisters.LongMode64(HypercallInput.Create(HvCallCode.ExtQueryCapabilities).Value, 0x100, 0x200);

        Assert.Equal(HypercallOutcome.ExitToUserspace, kernel.Handle(ref regs, in vcpu, ref exit, ref counters, out _));
        HypercallOutcome outcome = UserspaceRoundTrip.Run(kernel, ref vmm, ref regs, in vcpu, ref exit, ref counters, out HvStatus status);

        Assert.Equal(HypercallOutcome.CompletedFromUserspace, outcome);
        Assert.Equal(HvStatus.InsufficientBuffers, status);
        Assert.Equal(vmm.Answer, regs.Rax);
        Assert.Equal(1, vmm.Exits);
        Assert.Equal(1, counters.UserspaceRoundTrips);
    }
}
