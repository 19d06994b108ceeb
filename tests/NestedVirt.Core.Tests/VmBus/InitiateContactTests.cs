using System.Buffers.Binary;
using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Memory;
using NestedVirt.Userspace;
using NestedVirt.VmBus;

namespace NestedVirt.Tests.VmBus;

/// <summary>
/// VMBus negotiation end to end: the guest's HvPostMessage(InitiateContact) goes through KVM's
/// handler, exits to the host, and completes with the host's status (model 02 §9).
/// </summary>
public class InitiateContactTests
{
    private const ulong Page = 0x3000;
    private readonly GuestMemory memory = new(0x1_0000);
    private readonly HyperVHypercallHandler kernel;
    private HyperVVcpuState vcpu = HyperVVcpuState.KvmDefault;
    private PathCounters counters;
    private KvmHypervExit exit;
    private VmBusHost host;

    public InitiateContactTests()
    {
        kernel = new HyperVHypercallHandler(memory, new HyperVEventfdTable());
        host = new VmBusHost();
    }

    private HvStatus PostFromGuest(out HypercallRegisters regs)
    {
        regs = HypercallRegisters.LongMode64(HypercallInput.Create(HvCallCode.PostMessage).Value, Page, 0);
        Assert.Equal(HypercallOutcome.ExitToUserspace, kernel.Handle(ref regs, in vcpu, ref exit, ref counters, out _));
        HypercallOutcome done = UserspaceRoundTrip.Run(kernel, ref host, ref regs, in vcpu, ref exit, ref counters, out HvStatus status);
        Assert.Equal(HypercallOutcome.CompletedFromUserspace, done);
        return status;
    }

    // Decoders of the delivered HV_MESSAGE, offsets typed from model 02 §4/§9 and Linux hyperv.h.
    private uint ResponseMessageType => BinaryPrimitives.ReadUInt32LittleEndian(host.LastResponse);
    private byte ResponsePayloadSize => host.LastResponse[4];
    private uint ResponseChannelMessage => BinaryPrimitives.ReadUInt32LittleEndian(host.LastResponse[16..]);
    private byte ResponseVersionSupported => host.LastResponse[16 + 8];
    private uint ResponseMessageConnectionId => BinaryPrimitives.ReadUInt32LittleEndian(host.LastResponse[(16 + 12)..]);

    [Fact]
    public void Version5OnConnection4IsGrantedAndNamesTheMessageConnection()
    {
        GuestMessages.WriteInitiateContact(memory, Page, connectionId: 4, version: 0x0005_0000, messageSint: 5);

        Assert.Equal(HvStatus.Success, PostFromGuest(out HypercallRegisters regs));

        Assert.Equal(0UL, regs.Rax);
        Assert.Equal(0x1003UL, regs.Rip);
        Assert.True(host.IsConnected);
        Assert.Equal(0x0005_0000u, host.NegotiatedVersion);
        Assert.Equal(1u, host.MessageConnectionId);
        Assert.Equal(1, host.GetMessageCount(4));
        Assert.Equal(1, host.ResponseCount);
        Assert.Equal(5, host.LastResponseSint);
        Assert.Equal(1u, ResponseMessageType);
        Assert.Equal(16, ResponsePayloadSize);
        Assert.Equal(15u, ResponseChannelMessage);      // CHANNELMSG_VERSION_RESPONSE
        Assert.Equal(1, ResponseVersionSupported);
        Assert.Equal(1u, ResponseMessageConnectionId);
        Assert.Equal(1, counters.UserspaceRoundTrips);
        Assert.Equal(1, counters.HypercallsCompleted);
        Assert.Equal(256, counters.GuestBytesRead);
    }

    [Fact]
    public void Version4OnConnection1IsGrantedWithoutAConnectionId()
    {
        GuestMessages.WriteInitiateContact(memory, Page, connectionId: 1, version: 0x0004_0000);

        Assert.Equal(HvStatus.Success, PostFromGuest(out _));
        Assert.True(host.IsConnected);
        Assert.Equal(1u, host.MessageConnectionId);
        Assert.Equal(2, host.LastResponseSint);
        Assert.Equal(1, ResponseVersionSupported);
        Assert.Equal(0u, ResponseMessageConnectionId);
    }

    [Theory]
    [InlineData(1u, 0x0005_0000u)]  // >= 5.0 belongs on connection 4
    [InlineData(4u, 0x0004_0000u)]  // < 5.0 belongs on connection 1
    [InlineData(4u, 0x0005_0007u)]  // a version Linux does not name
    [InlineData(4u, 0x0006_0000u)]  // newer than the default MaxVersion 5.3
    public void RefusalIsInBandAndThePostStillSucceeds(uint connection, uint version)
    {
        GuestMessages.WriteInitiateContact(memory, Page, connection, version);

        Assert.Equal(HvStatus.Success, PostFromGuest(out _));
        Assert.False(host.IsConnected);
        Assert.Equal(0u, host.NegotiatedVersion);
        Assert.Equal(15u, ResponseChannelMessage);
        Assert.Equal(0, ResponseVersionSupported);
    }

    [Fact]
    public void AHostListeningOnConnection1OnlyAnswersConnection4WithInvalidConnectionId()
    {
        host = new VmBusHost(new VmBusHostOptions { MessageConnectionIds = [1] });
        GuestMessages.WriteInitiateContact(memory, Page, connectionId: 4, version: 0x0005_0000);

        Assert.Equal(HvStatus.InvalidConnectionId, PostFromGuest(out HypercallRegisters regs));
        Assert.Equal((ulong)HvStatus.InvalidConnectionId, regs.Rax);
        Assert.Equal(0, host.ResponseCount);

        // Linux then falls back to an older version on connection 1.
        GuestMessages.WriteInitiateContact(memory, Page, connectionId: 1, version: 0x0004_0001);
        Assert.Equal(HvStatus.Success, PostFromGuest(out _));
        Assert.True(host.IsConnected);
    }

    [Fact]
    public void PairingCanBeRelaxedForHostsThatTakeContactAnywhere()
    {
        host = new VmBusHost(new VmBusHostOptions { RequireMatchingContactConnection = false, MaxVersion = 0x0006_0000 });
        GuestMessages.WriteInitiateContact(memory, Page, connectionId: 1, version: 0x0006_0000);

        Assert.Equal(HvStatus.Success, PostFromGuest(out _));
        Assert.True(host.IsConnected);
        Assert.Equal(0x0006_0000u, host.NegotiatedVersion);
    }

    [Fact]
    public void OtherOrShortChannelMessagesAreDeliveredButIgnored()
    {
        GuestMessages.WritePost(memory, Page, 1, 1, 16, GuestMessages.InitiateContact(0x0004_0000).AsSpan(0, 16));
        Assert.Equal(HvStatus.Success, PostFromGuest(out _));
        GuestMessages.WritePost(memory, Page, 1, 1, 8, [16, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(HvStatus.Success, PostFromGuest(out _));

        Assert.Equal(2, host.IgnoredChannelMessages);
        Assert.Equal(0, host.ResponseCount);
        Assert.Equal(2, host.GetMessageCount(1));
    }

    [Fact]
    public void SignalEventThatFallsThroughIsCountedOnTheEventConnection()
    {
        HypercallRegisters regs = HypercallRegisters.LongMode64(HypercallInput.Create(HvCallCode.SignalEvent, fast: true).Value, 2, 0);
        Assert.Equal(HypercallOutcome.ExitToUserspace, kernel.Handle(ref regs, in vcpu, ref exit, ref counters, out _));
        UserspaceRoundTrip.Run(kernel, ref host, ref regs, in vcpu, ref exit, ref counters, out HvStatus status);

        Assert.Equal(HvStatus.Success, status);
        Assert.Equal(1, host.GetEventCount(2));
    }
}
