namespace NestedVirt.Hypercalls;

/// <summary>
/// <c>HV_STATUS</c>: bits 15:0 of a hypercall result value. Numbered as Linux
/// <c>include/hyperv/hvgdk_mini.h</c>; the TLFS "Common Hypercall Status Codes" table names the
/// first four as common to every call.
/// </summary>
/// <remarks>
/// <c>HV_STATUS_INVALID_SYNIC_STATE</c> is absent on purpose. The TLFS lists it as a return of
/// HvCallPostMessage and HvCallSignalEvent (target SynIC, SIM or SIEF page disabled), but neither
/// the TLFS (<c>hv_status.md</c> gives no values) nor Linux defines its number (model 02 §2,
/// model sources §5.7). Inventing one would put an unverifiable number into results; the model
/// never needs it because no modelled path checks the target SynIC's pages.
/// </remarks>
public enum HvStatus : ushort
{
    /// <summary><c>HV_STATUS_SUCCESS</c> (TLFS common): the call succeeded.</summary>
    Success = 0x0000,

    /// <summary><c>HV_STATUS_INVALID_HYPERCALL_CODE</c> (TLFS common): the call code is not recognised.</summary>
    InvalidHypercallCode = 0x0002,

    /// <summary>
    /// <c>HV_STATUS_INVALID_HYPERCALL_INPUT</c> (TLFS common): wrong rep count or start index, or a
    /// reserved bit of the input value is set.
    /// </summary>
    InvalidHypercallInput = 0x0003,

    /// <summary>
    /// <c>HV_STATUS_INVALID_ALIGNMENT</c> (TLFS common): an input/output GPA is not 8-byte aligned,
    /// a parameter list spans pages, or a GPA is outside the partition's GPA space.
    /// </summary>
    InvalidAlignment = 0x0004,

    /// <summary><c>HV_STATUS_INVALID_PARAMETER</c>: a parameter of the input block is invalid.</summary>
    InvalidParameter = 0x0005,

    /// <summary><c>HV_STATUS_ACCESS_DENIED</c>: the caller lacks the privilege the call needs.</summary>
    AccessDenied = 0x0006,

    /// <summary><c>HV_STATUS_INVALID_PARTITION_STATE</c>: the partition is not in a state that allows the call.</summary>
    InvalidPartitionState = 0x0007,

    /// <summary><c>HV_STATUS_OPERATION_DENIED</c>: the operation is not allowed now.</summary>
    OperationDenied = 0x0008,

    /// <summary><c>HV_STATUS_UNKNOWN_PROPERTY</c>: the property is not recognised.</summary>
    UnknownProperty = 0x0009,

    /// <summary><c>HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE</c>: the property value is out of range.</summary>
    PropertyValueOutOfRange = 0x000A,

    /// <summary><c>HV_STATUS_INSUFFICIENT_MEMORY</c>: not enough memory to complete the call.</summary>
    InsufficientMemory = 0x000B,

    /// <summary><c>HV_STATUS_INVALID_PARTITION_ID</c>: the partition id is invalid.</summary>
    InvalidPartitionId = 0x000D,

    /// <summary><c>HV_STATUS_INVALID_VP_INDEX</c>: the virtual processor index is invalid.</summary>
    InvalidVpIndex = 0x000E,

    /// <summary><c>HV_STATUS_NOT_FOUND</c>: the object was not found.</summary>
    NotFound = 0x0010,

    /// <summary>
    /// <c>HV_STATUS_INVALID_PORT_ID</c>: the connection's port was deleted, belongs to an inactive
    /// partition, or has the wrong type (message vs event).
    /// </summary>
    InvalidPortId = 0x0011,

    /// <summary><c>HV_STATUS_INVALID_CONNECTION_ID</c>: the connection id is invalid.</summary>
    InvalidConnectionId = 0x0012,

    /// <summary><c>HV_STATUS_INSUFFICIENT_BUFFERS</c>: the port has no free message buffer.</summary>
    InsufficientBuffers = 0x0013,

    /// <summary><c>HV_STATUS_NOT_ACKNOWLEDGED</c>: the request was not acknowledged.</summary>
    NotAcknowledged = 0x0014,

    /// <summary><c>HV_STATUS_INVALID_VP_STATE</c>: the virtual processor is not in a valid state.</summary>
    InvalidVpState = 0x0015,

    /// <summary><c>HV_STATUS_NO_RESOURCES</c>: the hypervisor lacks a resource for the call.</summary>
    NoResources = 0x001D,

    /// <summary><c>HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED</c>: a required processor feature is missing.</summary>
    ProcessorFeatureNotSupported = 0x0020,

    /// <summary><c>HV_STATUS_INVALID_LP_INDEX</c>: the logical processor index is invalid.</summary>
    InvalidLpIndex = 0x0041,

    /// <summary><c>HV_STATUS_INVALID_REGISTER_VALUE</c>: a register value is invalid.</summary>
    InvalidRegisterValue = 0x0050,

    /// <summary><c>HV_STATUS_OPERATION_FAILED</c>: the operation failed.</summary>
    OperationFailed = 0x0071,

    /// <summary><c>HV_STATUS_TIME_OUT</c>: the operation timed out (rep calls resume from the returned index).</summary>
    TimeOut = 0x0078,

    /// <summary><c>HV_STATUS_CALL_PENDING</c>: the call is pending.</summary>
    CallPending = 0x0079,

    /// <summary><c>HV_STATUS_VTL_ALREADY_ENABLED</c>: the VTL is already enabled.</summary>
    VtlAlreadyEnabled = 0x0086,
}
