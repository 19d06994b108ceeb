using System.Buffers.Binary;
using NestedVirt.Memory;

namespace NestedVirt.Tests.VmBus;

/// <summary>Guest-side writers for HvPostMessage input blocks, with offsets typed from the TLFS and Linux.</summary>
internal static class GuestMessages
{
    /// <summary>Writes a 256-byte HvPostMessage input block (TLFS HvCallPostMessage.md offsets).</summary>
    public static void WritePost(GuestMemory memory, ulong gpa, uint connectionId, uint messageType, uint payloadSize, ReadOnlySpan<byte> payload = default, uint reserved = 0)
    {
        Assert.True(memory.TryGetSpan(gpa, 256, out Span<byte> block));
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block, connectionId);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], reserved);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], messageType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], payloadSize);
        payload.CopyTo(block[16..]);
    }

    /// <summary>A 40-byte vmbus_channel_initiate_contact (Linux include/linux/hyperv.h).</summary>
    public static byte[] InitiateContact(uint version, byte messageSint = 2)
    {
        var msg = new byte[40];
        BinaryPrimitives.WriteUInt32LittleEndian(msg, 14);          // CHANNELMSG_INITIATE_CONTACT
        BinaryPrimitives.WriteUInt32LittleEndian(msg.AsSpan(8), version);
        if (version >= 0x0005_0000)
            msg[16] = messageSint;                                  // msg_sint (>= 5.0)
        else
            BinaryPrimitives.WriteUInt64LittleEndian(msg.AsSpan(16), 0x9000); // interrupt page
        return msg;
    }

    /// <summary>Posts an InitiateContact on <paramref name="connectionId"/> with MessageType 1.</summary>
    public static void WriteInitiateContact(GuestMemory memory, ulong gpa, uint connectionId, uint version, byte messageSint = 2) =>
        WritePost(memory, gpa, connectionId, 1, 40, InitiateContact(version, messageSint));
}
