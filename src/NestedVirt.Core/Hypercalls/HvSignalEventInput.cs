namespace NestedVirt.Hypercalls;

/// <summary>
/// The 8-byte HvCallSignalEvent input (TLFS <c>HvCallSignalEvent.md</c>; model 02 §5): connection
/// id u32 @0, flag number u16 @4, RsvdZ u16 @6. The fast form passes the same 8 bytes in RDX.
/// </summary>
public readonly struct HvSignalEventInput
{
    /// <summary>Bits 47:32: flag number.</summary>
    public const ulong FlagNumberMask = 0x0000_FFFF_0000_0000;

    /// <summary>Bits 63:48: RsvdZ.</summary>
    public const ulong ReservedMask = 0xFFFF_0000_0000_0000;

    private readonly ulong value;

    /// <summary>Wraps the raw 8-byte input.</summary>
    public HvSignalEventInput(ulong value) => this.value = value;

    /// <summary>The raw 8-byte input.</summary>
    public ulong Value => value;

    /// <summary>Bytes 0-3: the connection id.</summary>
    public HvConnectionId ConnectionId => new((uint)value);

    /// <summary>Bytes 4-5: flag number, relative to the port's base flag.</summary>
    public ushort FlagNumber => (ushort)(value >> 32);

    /// <summary>Bytes 6-7 (RsvdZ) non-zero.</summary>
    public bool HasReservedBits => (value & ReservedMask) != 0;

    /// <summary>Encodes an input from its fields.</summary>
    public static HvSignalEventInput Create(uint connectionId, ushort flagNumber = 0) =>
        new(connectionId | ((ulong)flagNumber << 32));
}
