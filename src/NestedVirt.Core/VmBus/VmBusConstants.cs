namespace NestedVirt.VmBus;

/// <summary>
/// VMBus connection, port and SINT numbers (Linux <c>drivers/hv/hyperv_vmbus.h</c>,
/// <c>include/linux/hyperv.h</c>; model 02 §9).
/// </summary>
public static class VmBusConstants
{
    /// <summary><c>VMBUS_MESSAGE_CONNECTION_ID</c>: the message connection before protocol 5.0.</summary>
    public const uint MessageConnectionId = 1;

    /// <summary><c>VMBUS_MESSAGE_CONNECTION_ID_4</c>: where a ≥ 5.0 guest sends InitiateContact.</summary>
    public const uint MessageConnectionId4 = 4;

    /// <summary><c>VMBUS_MESSAGE_PORT_ID</c>.</summary>
    public const uint MessagePortId = 1;

    /// <summary><c>VMBUS_EVENT_CONNECTION_ID</c>: the shared event connection of old protocols.</summary>
    public const uint EventConnectionId = 2;

    /// <summary><c>VMBUS_EVENT_PORT_ID</c>.</summary>
    public const uint EventPortId = 2;

    /// <summary><c>VMBUS_MONITOR_CONNECTION_ID</c>.</summary>
    public const uint MonitorConnectionId = 3;

    /// <summary><c>VMBUS_MONITOR_PORT_ID</c>.</summary>
    public const uint MonitorPortId = 3;

    /// <summary><c>VMBUS_MESSAGE_SINT</c> (= <c>HV_SYNIC_VMBUS_SINT_INDEX</c>): the SINT host messages arrive on.</summary>
    public const byte MessageSint = 2;

    /// <summary>The HvPostMessage message type VMBus uses (Linux posts with MessageType = 1).</summary>
    public const uint MessageType = 1;
}
