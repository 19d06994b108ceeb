namespace NestedVirt.VmBus;

/// <summary>
/// VMBus channel message types (<c>enum vmbus_channel_message_type</c>, Linux
/// <c>include/linux/hyperv.h</c>): the <c>msgtype</c> u32 at offset 0 of every channel message.
/// Only the negotiation pair is modelled.
/// </summary>
public enum VmBusChannelMessageType : uint
{
    /// <summary><c>CHANNELMSG_INITIATE_CONTACT</c>: guest → host, requests a protocol version.</summary>
    InitiateContact = 14,

    /// <summary><c>CHANNELMSG_VERSION_RESPONSE</c>: host → guest, accepts or refuses it.</summary>
    VersionResponse = 15,
}
