using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NestedVirt.Memory;

namespace NestedVirt.Nested;

/// <summary>
/// One segment register in a VMCB save area (AMD APM Vol 2 Table B-2): selector u16, attributes
/// u16, limit u32, base u64 — 16 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct VmcbSegment
{
    /// <summary>Bytes one segment occupies in the VMCB.</summary>
    public const int Size = 16;

    /// <summary>Selector.</summary>
    public ushort Selector;

    /// <summary>Attributes (packed access rights).</summary>
    public ushort Attributes;

    /// <summary>Limit.</summary>
    public uint Limit;

    /// <summary>Base.</summary>
    public ulong Base;

    /// <summary>Reads a segment at <paramref name="gpa"/>.</summary>
    /// <returns><see langword="false"/> (and a zero segment) when the 16 bytes are not in guest RAM.</returns>
    public static bool TryRead(GuestMemory memory, ulong gpa, out VmcbSegment segment)
    {
        if (!memory.TryGetSpan(gpa, Size, out Span<byte> s))
        {
            segment = default;
            return false;
        }
        segment = new VmcbSegment
        {
            Selector = BinaryPrimitives.ReadUInt16LittleEndian(s),
            Attributes = BinaryPrimitives.ReadUInt16LittleEndian(s[2..]),
            Limit = BinaryPrimitives.ReadUInt32LittleEndian(s[4..]),
            Base = BinaryPrimitives.ReadUInt64LittleEndian(s[8..]),
        };
        return true;
    }

    /// <summary>Writes this segment at <paramref name="gpa"/>.</summary>
    /// <returns><see langword="false"/> when the 16 bytes are not in guest RAM; nothing is written.</returns>
    public readonly bool TryWrite(GuestMemory memory, ulong gpa)
    {
        if (!memory.TryGetSpan(gpa, Size, out Span<byte> s))
            return false;
        BinaryPrimitives.WriteUInt16LittleEndian(s, Selector);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], Attributes);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], Limit);
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], Base);
        return true;
    }
}
