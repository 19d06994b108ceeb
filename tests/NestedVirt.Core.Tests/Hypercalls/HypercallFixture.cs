using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Memory;
using NestedVirt.Userspace;

namespace NestedVirt.Tests.Hypercalls;

/// <summary>
/// One VM for hypercall tests: 64 KiB of L1 RAM at GPA 0, a hole, one more page at
/// <see cref="HighPage"/>, an eventfd table and the handler.
/// </summary>
internal sealed class HypercallFixture
{
    public const ulong HighPage = 0x2_0000;
    public const ulong Hole = 0x1_8000;
    public const ulong InputPage = 0x3000;
    public const ulong OutputPage = 0x4000;

    public readonly GuestMemory Memory = new([new MemorySlot(0, 0x1_0000), new MemorySlot(HighPage, 0x1000)]);
    public readonly HyperVEventfdTable Eventfds = new(capacity: 8, eventfdCount: 4);
    public readonly HyperVHypercallHandler Handler;
    public HyperVVcpuState Vcpu = HyperVVcpuState.KvmDefault;
    public PathCounters Counters;
    public KvmHypervExit Exit;

    public HypercallFixture() => Handler = new HyperVHypercallHandler(Memory, Eventfds);

    public static HypercallRegisters Regs(HypercallInput input, ulong rdx = InputPage, ulong r8 = OutputPage) =>
        HypercallRegisters.LongMode64(input.Value, rdx, r8);

    public HypercallOutcome Run(ref HypercallRegisters regs, out HvStatus status) =>
        Handler.Handle(ref regs, in Vcpu, ref Exit, ref Counters, out status);

    /// <summary>Runs a call that must complete in the kernel and returns its status.</summary>
    public HvStatus Complete(HypercallInput input, ulong rdx = InputPage, ulong r8 = OutputPage)
    {
        HypercallRegisters regs = Regs(input, rdx, r8);
        HypercallOutcome outcome = Run(ref regs, out HvStatus status);
        Assert.Equal(HypercallOutcome.CompletedInKernel, outcome);
        Assert.Equal((ulong)status, regs.Rax & 0xFFFF);
        return status;
    }

    /// <summary>Runs a call that must exit to userspace.</summary>
    public void ExpectExit(HypercallInput input, ulong rdx = InputPage, ulong r8 = OutputPage)
    {
        HypercallRegisters regs = Regs(input, rdx, r8);
        Assert.Equal(HypercallOutcome.ExitToUserspace, Run(ref regs, out _));
    }
}
