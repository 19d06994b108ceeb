namespace NestedVirt.VmBus;

/// <summary>
/// Configuration of a <see cref="VmBusHost"/>: which connections it listens on and which
/// protocol versions it grants.
/// </summary>
/// <remarks>
/// Which message connection the nested root uses is unverified (model 02 §9, model sources §5.15):
/// the RFC design says OpenVMM's VMBus server listens on connection 1, while a guest negotiating
/// protocol ≥ 5.0 sends InitiateContact on connection 4. The default listens on both; a host that
/// listens on 1 only answers a ≥ 5.0 guest's first post with INVALID_CONNECTION_ID, which Linux
/// takes as "old host, try an older version".
/// </remarks>
public sealed class VmBusHostOptions
{
    /// <summary>Message connections (port type "message"). Default: 1 and 4.</summary>
    public uint[] MessageConnectionIds { get; init; } = [VmBusConstants.MessageConnectionId, VmBusConstants.MessageConnectionId4];

    /// <summary>Event connections (port type "event"). Default: 2, the shared VMBus event connection.</summary>
    public uint[] EventConnectionIds { get; init; } = [VmBusConstants.EventConnectionId];

    /// <summary>Flags of every event port; a flag number at or above it is INVALID_PARAMETER (TLFS HvCallSignalEvent). Default 1.</summary>
    public int EventFlagCount { get; init; } = 1;

    /// <summary>Newest protocol version granted. Default 5.3; any known version up to it is granted.</summary>
    public uint MaxVersion { get; init; } = VmBusVersion.Win10V5_3;

    /// <summary>
    /// The message connection id a ≥ 5.0 version response tells the guest to use afterwards
    /// (<c>msg_conn_id</c>). Default 1 (unverified for OpenVMM); it must be a message connection.
    /// </summary>
    public uint ResponseMessageConnectionId { get; init; } = VmBusConstants.MessageConnectionId;

    /// <summary>
    /// Refuse (in-band, version_supported = 0) an InitiateContact whose version does not match its
    /// connection: ≥ 5.0 must arrive on connection 4, older versions on connection 1 (model 02 §9,
    /// Linux <c>vmbus_negotiate_version</c>). Default on; what a real host does is unverified.
    /// </summary>
    public bool RequireMatchingContactConnection { get; init; } = true;
}
