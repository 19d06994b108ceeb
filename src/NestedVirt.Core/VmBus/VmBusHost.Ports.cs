using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Memory;

namespace NestedVirt.VmBus;

public sealed partial class VmBusHost
{
    /// <summary>
    /// HvCallPostMessage with its 256-byte input at <paramref name="inputGpa"/> in L1's GPA space
    /// (already translated by the relay for an L2 caller). The block is read in place.
    /// </summary>
    /// <returns>The TLFS status of the post; SUCCESS means the message was delivered to the connection.</returns>
    public HvStatus PostMessage(ulong inputGpa, GuestMemory l1Memory, ref PathCounters counters)
    {
        // TLFS "Alignment Requirements": misaligned, page-crossing and unreadable input are all
        // INVALID_ALIGNMENT. OpenVMM answers INVALID_HYPERCALL_INPUT for the last two.
        if (!HypercallAlignment.IsAlignedWithinPage(inputGpa, HvPostMessageInput.Size)
            || !l1Memory.TryGetSpan(inputGpa, HvPostMessageInput.Size, out Span<byte> block))
            return HvStatus.InvalidAlignment;
        counters.GuestBytesRead += HvPostMessageInput.Size;

        var message = new HvPostMessageInput(block);
        // HV_CONNECTION_ID: reserved bits 31:24 must be 0, so such an id is an invalid connection id.
        HvConnectionId connection = message.ConnectionId;
        if (connection.HasReservedBits)
            return HvStatus.InvalidConnectionId;
        int port = IndexOf(messageConnections, connection.Id);
        if (port < 0)
            return NoPortOfThisType(eventConnections, connection.Id);
        if (message.Reserved != 0)
            return HvStatus.InvalidParameter;
        uint type = message.MessageType;
        if (type == 0 || (type & HvPostMessageInput.HypervisorMessageTypeBit) != 0)
            return HvStatus.InvalidParameter;
        uint payloadSize = message.PayloadSize;
        if (payloadSize > HvPostMessageInput.MaxPayloadSize)
            return HvStatus.InvalidParameter;

        messageCounts[port]++;
        if (type == VmBusConstants.MessageType)
            OnChannelMessage(connection.Id, message.Message[..(int)payloadSize]);
        return HvStatus.Success;
    }

    /// <summary>
    /// HvCallSignalEvent with its 8-byte input (<c>params[0]</c> of the exit: KVM has already read
    /// a slow call's input from guest memory).
    /// </summary>
    /// <returns>The TLFS status; SUCCESS counts one event on the connection.</returns>
    public HvStatus SignalEvent(ulong input)
    {
        var signal = new HvSignalEventInput(input);
        HvConnectionId connection = signal.ConnectionId;
        if (connection.HasReservedBits)
            return HvStatus.InvalidConnectionId;
        if (signal.HasReservedBits)
            return HvStatus.InvalidParameter;
        int port = IndexOf(eventConnections, connection.Id);
        if (port < 0)
            return NoPortOfThisType(messageConnections, connection.Id);
        if (signal.FlagNumber >= options.EventFlagCount)
            return HvStatus.InvalidParameter;

        eventCounts[port]++;
        return HvStatus.Success;
    }

    /// <summary>
    /// A connection without a port of the wanted type: INVALID_PORT_ID when it is a port of the
    /// other type (TLFS: "not a message/event type port"), else INVALID_CONNECTION_ID.
    /// </summary>
    // The host listens on a handful of connections: a plain loop beats Array.IndexOf's generic
    // equality path on every post (measured with 'nvbench icount', relay.*.postmessage).
    private static int IndexOf(uint[] connections, uint id)
    {
        for (int i = 0; i < connections.Length; i++)
        {
            if (connections[i] == id)
                return i;
        }
        return -1;
    }

    private static HvStatus NoPortOfThisType(uint[] otherType, uint connectionId) =>
        IndexOf(otherType, connectionId) < 0 ? HvStatus.InvalidConnectionId : HvStatus.InvalidPortId;
}
