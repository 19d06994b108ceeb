using System.Buffers.Binary;

namespace NestedVirt.Hypercalls;

/// <summary>
/// A view (no copy) of the 256-byte HvCallPostMessage input block (TLFS
/// <c>HvCallPostMessage.md</c>; model 02 §4): ConnectionId u32 @0, RsvdZ u32 @4, MessageType u32
/// @8, PayloadSize u32 @12, Message[240] @16.
/// </summary>
public readonly ref struct HvPostMessageInput
{
    /// <summary>Size of the input block in bytes.</summary>
    public const int Size = 256;

    /// <summary>Largest payload the TLFS allows.</summary>
    public const int MaxPayloadSize = 240;

    /// <summary>Offset of the payload.</summary>
    public const int PayloadOffset = 16;

    /// <summary>MessageType bit 31: set for hypervisor message types, which a guest may not post.</summary>
    public const uint HypervisorMessageTypeBit = 0x8000_0000;

    private readonly ReadOnlySpan<byte> block;

    /// <summary>Views the first <see cref="Size"/> bytes of <paramref name="block"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="block"/> is shorter than 256 bytes.</exception>
    public HvPostMessageInput(ReadOnlySpan<byte> block)
    {
        if (block.Length < Size)
            ThrowHelper.ThrowArgument(nameof(block), "the HvPostMessage input block is 256 bytes");
        this.block = block[..Size];
    }

    /// <summary>Bytes 0-3: the destination connection id.</summary>
    public HvConnectionId ConnectionId => new(BinaryPrimitives.ReadUInt32LittleEndian(block));

    /// <summary>Bytes 4-7: RsvdZ.</summary>
    public uint Reserved => BinaryPrimitives.ReadUInt32LittleEndian(block[4..]);

    /// <summary>Bytes 8-11: message type (non-zero, bit 31 clear).</summary>
    public uint MessageType => BinaryPrimitives.ReadUInt32LittleEndian(block[8..]);

    /// <summary>Bytes 12-15: payload size in bytes (at most 240).</summary>
    public uint PayloadSize => BinaryPrimitives.ReadUInt32LittleEndian(block[12..]);

    /// <summary>All 240 payload bytes; only the first <see cref="PayloadSize"/> are delivered.</summary>
    public ReadOnlySpan<byte> Message => block[PayloadOffset..];
}
