using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Memory;
using NestedVirt.Userspace;
using NestedVirt.VmBus;

namespace NestedVirt.Tests.VmBus;

/// <summary>
/// Every malformed HvPostMessage / HvSignalEvent gets the status the TLFS names for it
/// (HvCallPostMessage.md, HvCallSignalEvent.md, hypercall-interface.md common codes).
/// </summary>
public class VmBusHostBadInputTests
{
    private const ulong Page = 0x3000;
    private readonly GuestMemory memory = new([new MemorySlot(0, 0x1_0000), new MemorySlot(0x2_0000, 0x1000)]);
    private readonly VmBusHost host = new();
    private PathCounters counters;

    private HvStatus Post(ulong gpa) => host.PostMessage(gpa, memory, ref counters);

    public static TheoryData<string, ulong, HvStatus> BadGpas => new()
    {
        { "misaligned (TLFS: GPA not 8-byte aligned)", Page + 4, HvStatus.InvalidAlignment },
        { "page-crossing (TLFS: parameter list spans pages)", Page + 0xF08, HvStatus.InvalidAlignment },
        { "unreadable (TLFS: GPA outside the GPA space)", 0x1_8000, HvStatus.InvalidAlignment },
        { "in a slot but running past its end", 0x2_0000 + 0xF00 + 8, HvStatus.InvalidAlignment },
    };

    [Theory]
    [MemberData(nameof(BadGpas))]
    public void PostMessageWithBadInputGpaIsInvalidAlignment(string why, ulong gpa, HvStatus expected)
    {
        Assert.True(expected == Post(gpa), why);
        Assert.Equal(0, host.GetMessageCount(1));
    }

    [Fact]
    public void LastFullyContainedOffsetInAPageIsAccepted()
    {
        GuestMessages.WritePost(memory, Page + 0xF00, 1, 1, 0);
        Assert.Equal(HvStatus.Success, Post(Page + 0xF00));
    }

    public static TheoryData<string, uint, uint, uint, uint, HvStatus> BadBlocks => new()
    {
        // why, connection, reserved, type, payload size, expected
        { "oversized payload (TLFS: size exceeds 240)", 1, 0, 1, 241, HvStatus.InvalidParameter },
        { "message type 0 (TLFS: MessageType zero)", 1, 0, 0, 16, HvStatus.InvalidParameter },
        { "message type bit 31 (TLFS: most significant bit set)", 1, 0, 0x8000_0001, 16, HvStatus.InvalidParameter },
        { "unknown connection (TLFS: connection ID invalid)", 9, 0, 1, 16, HvStatus.InvalidConnectionId },
        { "connection id reserved bits 31:24 (HV_CONNECTION_ID)", 0x0100_0001, 0, 1, 16, HvStatus.InvalidConnectionId },
        { "event connection (TLFS: port is not a message port)", 2, 0, 1, 16, HvStatus.InvalidPortId },
        { "RsvdZ at offset 4 (OpenVMM reserved-field convention)", 1, 1, 1, 16, HvStatus.InvalidParameter },
    };

    [Theory]
    [MemberData(nameof(BadBlocks))]
    public void MalformedPostGetsItsTlfsStatus(string why, uint connection, uint reserved, uint type, uint size, HvStatus expected)
    {
        GuestMessages.WritePost(memory, Page, connection, type, size, reserved: reserved);

        Assert.True(expected == Post(Page), why);
        Assert.Equal(0, host.GetMessageCount(1));
    }

    [Fact]
    public void MaximumPayloadAndAnyNonHypervisorTypeAreAccepted()
    {
        GuestMessages.WritePost(memory, Page, 4, 0x7FFF_FFFF, 240);

        Assert.Equal(HvStatus.Success, Post(Page));
        Assert.Equal(1, host.GetMessageCount(4));
        Assert.Equal(256, counters.GuestBytesRead);
    }

    public static TheoryData<string, ulong, HvStatus> BadSignals => new()
    {
        { "unknown connection", 9, HvStatus.InvalidConnectionId },
        { "connection id reserved bits", 0x0100_0002, HvStatus.InvalidConnectionId },
        { "message connection (TLFS: port is not an event port)", 1, HvStatus.InvalidPortId },
        { "flag number beyond the port's flags", 2 | (1UL << 32), HvStatus.InvalidParameter },
        { "RsvdZ bytes 6-7", 2 | (1UL << 48), HvStatus.InvalidParameter },
    };

    [Theory]
    [MemberData(nameof(BadSignals))]
    public void MalformedSignalGetsItsTlfsStatus(string why, ulong input, HvStatus expected)
    {
        Assert.True(expected == host.SignalEvent(input), why);
        Assert.Equal(0, host.GetEventCount(2));
    }

    public static TheoryData<string, ulong, HvStatus> BadExits => new()
    {
        { "fast HvPostMessage (256 bytes do not fit registers)", 0x1005C, HvStatus.InvalidHypercallInput },
        { "rep HvPostMessage", 0x1_0000_005C, HvStatus.InvalidHypercallInput },
        { "variable-header HvSignalEvent", 0x2005D, HvStatus.InvalidHypercallInput },
        { "a code the dispatcher does not know", 0x8001, HvStatus.InvalidHypercallCode },
    };

    [Theory]
    [MemberData(nameof(BadExits))]
    public void ExitWithAnUnhandledShapeGetsItsStatus(string why, ulong input, HvStatus expected)
    {
        GuestMessages.WritePost(memory, Page, 1, 1, 0);
        var exit = new KvmHypervExit { Type = KvmHypervExitType.Hcall, HcallInput = input, HcallParam0 = Page };

        host.HandleHypervExit(ref exit, memory, ref counters);

        Assert.True((ulong)expected == exit.HcallResult, why);
    }

    [Fact]
    public void SynicExitsCarryNoResult()
    {
        // SynicControl shares offset 16 with hcall.result: a result write would clobber it.
        var exit = new KvmHypervExit { Type = KvmHypervExitType.Synic, SynicMsr = 0x40000080, SynicControl = 0xABCD };
        host.HandleHypervExit(ref exit, memory, ref counters);
        Assert.Equal(0xABCDUL, exit.SynicControl);
    }

    [Fact]
    public void OptionsRejectDuplicateOrWideConnectionIds()
    {
        Assert.Throws<ArgumentException>(() => new VmBusHost(new VmBusHostOptions { MessageConnectionIds = [1, 1] }));
        Assert.Throws<ArgumentException>(() => new VmBusHost(new VmBusHostOptions { EventConnectionIds = [1] }));
        Assert.Throws<ArgumentException>(() => new VmBusHost(new VmBusHostOptions { EventConnectionIds = [0x0100_0000] }));
        Assert.Throws<ArgumentException>(() => new VmBusHost(new VmBusHostOptions { ResponseMessageConnectionId = 7 }));
    }
}
