namespace NestedVirt.Hypercalls;

/// <summary>
/// <c>HV_CONNECTION_ID</c>: a 32-bit connection id whose bits 23:0 are the id and bits 31:24 are
/// reserved and must be zero (TLFS <c>datatypes/hv_connection_id.md</c>).
/// </summary>
public readonly struct HvConnectionId
{
    /// <summary>Bits 23:0 (same value as KVM's <c>KVM_HYPERV_CONN_ID_MASK</c>).</summary>
    public const uint IdMask = 0x00FF_FFFF;

    private readonly uint value;

    /// <summary>Wraps a raw 32-bit connection id.</summary>
    public HvConnectionId(uint value) => this.value = value;

    /// <summary>The raw 32-bit value.</summary>
    public uint Value => value;

    /// <summary>Bits 23:0.</summary>
    public uint Id => value & IdMask;

    /// <summary>Any of the reserved bits 31:24 set.</summary>
    public bool HasReservedBits => (value & ~IdMask) != 0;
}
