using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Tests.VmBus;
using NestedVirt.Userspace;
using NestedVirt.VmBus;

namespace NestedVirt.Tests.Userspace;

/// <summary>The hot paths allocate nothing once warm.</summary>
public class ZeroAllocationTests
{
    private const int Warmup = 200;
    private const int Measured = 10_000;
    private const ulong Page = 0x3000;

    private readonly GuestMemory memory = new(0x1_0000);
    private readonly HyperVEventfdTable eventfds = new();
    private readonly HyperVHypercallHandler kernel;
    private readonly HyperVVcpuState vcpu = HyperVVcpuState.KvmDefault;

    public ZeroAllocationTests() => kernel = new HyperVHypercallHandler(memory, eventfds);

    private static long Measure(Func<int> iteration)
    {
        int sink = 0;
        for (int i = 0; i < Warmup; i++)
            sink += iteration();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Measured; i++)
            sink += iteration();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, sink);
        return allocated;
    }

    [Fact]
    public void PostMessageThroughTheUserspaceModelAllocatesNothing() =>
        Assert.Equal(0, MeasurePostMessage(inputGpa: Page, relayTranslates: false));

    [Fact]
    public void RelayedPostMessageWithTranslationAllocatesNothing() =>
        Assert.Equal(0, MeasurePostMessage(inputGpa: 0x7_0000_0000 | Page, relayTranslates: true));

    /// <summary>One InitiateContact from the guest to the VMBus host and back, per iteration.</summary>
    private long MeasurePostMessage(ulong inputGpa, bool relayTranslates)
    {
        GuestMessages.WriteInitiateContact(memory, Page, connectionId: 4, version: 0x0005_0000);
        VmBusHost host = new();
        PathCounters counters = default;
        KvmHypervExit exit = default;
        ulong input = HypercallInput.Create(HvCallCode.PostMessage).Value;

        long allocated = Measure(() =>
        {
            HypercallRegisters regs = HypercallRegisters.LongMode64(input, inputGpa, 0);
            if (relayTranslates)
            {
                if (!kernel.TryBegin(in regs, in vcpu, out HypercallContext call, out _))
                    return 1;
                call.SetTranslatedInputGpa(call.InputParameter & 0xFFFF);
                kernel.Finish(ref call, ref regs, in vcpu, ref exit, ref counters, out _);
            }
            else
            {
                kernel.Handle(ref regs, in vcpu, ref exit, ref counters, out _);
            }
            UserspaceRoundTrip.Run(kernel, ref host, ref regs, in vcpu, ref exit, ref counters, out HvStatus status);
            return (int)status;
        });

        Assert.True(host.IsConnected);
        Assert.Equal(Warmup + Measured, counters.UserspaceRoundTrips);
        return allocated;
    }

    [Fact]
    public void SignalEventThroughAnEventfdAllocatesNothing()
    {
        Assert.Equal(0, eventfds.Ioctl(KvmHypervEventfd.Assign(2, fd: 0)));
        PathCounters counters = default;
        KvmHypervExit exit = default;
        ulong input = HypercallInput.Create(HvCallCode.SignalEvent, fast: true).Value;

        long allocated = Measure(() =>
        {
            HypercallRegisters regs = HypercallRegisters.LongMode64(input, 2, 0);
            kernel.Handle(ref regs, in vcpu, ref exit, ref counters, out HvStatus status);
            return (int)status;
        });

        Assert.Equal(0, allocated);
        Assert.Equal(Warmup + Measured, eventfds.GetSignalCount(0));
    }
}
