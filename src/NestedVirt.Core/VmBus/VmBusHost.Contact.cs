using System.Buffers.Binary;

namespace NestedVirt.VmBus;

public sealed partial class VmBusHost
{
    // struct vmbus_channel_initiate_contact (Linux include/linux/hyperv.h): header @0, requested
    // version @8, target vCPU @12, then for >= 5.0 the message SINT @16; 40 bytes in every version.
    private const int InitiateContactSize = 40;
    private const int ContactVersionOffset = 8;
    private const int ContactMessageSintOffset = 16;

    // struct vmbus_channel_version_response: header @0, version_supported u8 @8,
    // connection_state u8 @9, padding u16 @10, msg_conn_id u32 @12; 16 bytes.
    private const int VersionResponseSize = 16;
    private const int ResponseSupportedOffset = 8;
    private const int ResponseConnectionIdOffset = 12;

    // HV_MESSAGE (model 02 §4): type u32 @0, payload size u8 @4, flags u8 @5, reserved u16 @6,
    // sender u64 @8, payload @16; 256 bytes, one SIM-page slot.
    private const int HvMessageSize = 256;
    private const int HvMessagePayloadSizeOffset = 4;
    private const int HvMessagePayloadOffset = 16;

    private readonly byte[] lastResponse = new byte[HvMessageSize];
    private long responseCount;
    private long ignoredChannelMessages;
    private byte responseSint;
    private bool connected;
    private uint negotiatedVersion;
    private uint messageConnectionId;

    /// <summary>A version was granted: the VMBus connection is up.</summary>
    public bool IsConnected => connected;

    /// <summary>The granted protocol version (0 before the first grant).</summary>
    public uint NegotiatedVersion => negotiatedVersion;

    /// <summary>The message connection the guest uses after negotiation (0 before it).</summary>
    public uint MessageConnectionId => messageConnectionId;

    /// <summary>Version responses sent.</summary>
    public long ResponseCount => responseCount;

    /// <summary>Channel messages (MessageType 1) that were delivered but not understood: unknown type or too short.</summary>
    public long IgnoredChannelMessages => ignoredChannelMessages;

    /// <summary>The SINT the last response goes to: the request's message SINT for ≥ 5.0, else <see cref="VmBusConstants.MessageSint"/>.</summary>
    public byte LastResponseSint => responseSint;

    /// <summary>
    /// The last host-to-guest message in delivered <c>HV_MESSAGE</c> form (256 bytes, preallocated):
    /// message type 1, payload size, and the VersionResponse at offset 16. The sender field is not
    /// modelled (0).
    /// </summary>
    public ReadOnlySpan<byte> LastResponse => lastResponse;

    private void OnChannelMessage(uint connectionId, ReadOnlySpan<byte> payload)
    {
        if (payload.Length >= sizeof(uint)
            && BinaryPrimitives.ReadUInt32LittleEndian(payload) == (uint)VmBusChannelMessageType.InitiateContact
            && payload.Length >= InitiateContactSize)
        {
            OnInitiateContact(connectionId, payload);
            return;
        }
        ignoredChannelMessages++;
    }

    /// <summary>
    /// Grants a known version up to <see cref="VmBusHostOptions.MaxVersion"/> that arrived on the
    /// connection its protocol expects (connection 1 before 5.0, connection 4 from 5.0: model 02 §9)
    /// and answers with a VersionResponse either way; a refusal is in-band (version_supported = 0),
    /// the post itself succeeded.
    /// </summary>
    private void OnInitiateContact(uint connectionId, ReadOnlySpan<byte> payload)
    {
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(payload[ContactVersionOffset..]);
        bool v5 = version >= VmBusVersion.Win10V5;
        bool rightConnection = !options.RequireMatchingContactConnection
            || connectionId == (v5 ? VmBusConstants.MessageConnectionId4 : VmBusConstants.MessageConnectionId);
        bool granted = VmBusVersion.IsKnown(version) && version <= options.MaxVersion && rightConnection;

        connected = granted;
        negotiatedVersion = granted ? version : 0;
        messageConnectionId = !granted ? 0
            : v5 ? options.ResponseMessageConnectionId
            : VmBusConstants.MessageConnectionId;
        responseSint = v5 ? payload[ContactMessageSintOffset] : VmBusConstants.MessageSint;

        // Only the header and the 16-byte response are ever written, so only they need clearing:
        // the rest of the 256-byte slot is still zero from allocation.
        Span<byte> message = lastResponse.AsSpan(0, HvMessagePayloadOffset + VersionResponseSize);
        message.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(message, VmBusConstants.MessageType);
        message[HvMessagePayloadSizeOffset] = VersionResponseSize;
        Span<byte> response = message.Slice(HvMessagePayloadOffset, VersionResponseSize);
        BinaryPrimitives.WriteUInt32LittleEndian(response, (uint)VmBusChannelMessageType.VersionResponse);
        response[ResponseSupportedOffset] = granted ? (byte)1 : (byte)0;
        // Only a >= 5.0 guest reads msg_conn_id; older ones stay on connection 1.
        if (granted && v5)
            BinaryPrimitives.WriteUInt32LittleEndian(response[ResponseConnectionIdOffset..], options.ResponseMessageConnectionId);
        responseCount++;
    }
}
