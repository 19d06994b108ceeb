using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NestedVirt.Memory;

/// <summary>
/// L1's RAM as L0 sees it: one preallocated backing store carved into one or more slots, each
/// mapped at its own guest-physical base (KVM memslots). Reads and writes never allocate and
/// never throw for guest addresses: an access that is not wholly inside one slot returns
/// <see langword="false"/>, which callers turn into a status (a guest pointing a table outside
/// its RAM is guest behaviour, not a bug).
/// </summary>
/// <remarks>
/// Multi-byte values are little-endian, as on x86. An access may not straddle two slots even
/// when they are adjacent: KVM's <c>kvm_vcpu_read_guest_page</c> works per page and per slot,
/// and every structure the model reads (8-byte entries, the 256-byte message) is page-contained.
/// </remarks>
public sealed class GuestMemory
{
    private const ulong PageMask = 0xFFF;

    private readonly byte[] backing;
    private readonly MemorySlot[] slots;
    private readonly long[] offsets;
    // The first slot, in fields: most guests have one large slot and every walk reads from it.
    private readonly ulong firstBase;
    private readonly ulong firstSize;
    // The last offset in the first slot where an 8-byte value fits (slots are at least 4 KiB).
    private readonly ulong firstLastUInt64;

    /// <summary>Creates guest memory with one slot at GPA 0.</summary>
    /// <param name="size">Size in bytes, a non-zero multiple of 4 KiB.</param>
    public GuestMemory(ulong size)
        : this([new MemorySlot(0, size)])
    {
    }

    /// <summary>Creates guest memory with the given slots, backed by one zeroed allocation.</summary>
    /// <exception cref="ArgumentException">A slot is empty, unaligned, overlaps another, or the
    /// total exceeds what one array can hold.</exception>
    public GuestMemory(ReadOnlySpan<MemorySlot> slots)
    {
        if (slots.IsEmpty)
            ThrowHelper.ThrowArgument(nameof(slots), "at least one memory slot is required");

        this.slots = slots.ToArray();
        Array.Sort(this.slots, static (a, b) => a.GpaBase.CompareTo(b.GpaBase));
        offsets = new long[this.slots.Length];

        ulong total = 0;
        for (int i = 0; i < this.slots.Length; i++)
        {
            MemorySlot slot = this.slots[i];
            if (slot.Size == 0 || (slot.Size & PageMask) != 0 || (slot.GpaBase & PageMask) != 0)
                ThrowHelper.ThrowArgument(nameof(slots), "slot base and size must be non-zero multiples of 4 KiB");
            if (slot.GpaEnd < slot.GpaBase || slot.GpaEnd > 1UL << 52)
                ThrowHelper.ThrowArgument(nameof(slots), "slot extends beyond the 52-bit physical address space");
            if (i > 0 && this.slots[i - 1].GpaEnd > slot.GpaBase)
                ThrowHelper.ThrowArgument(nameof(slots), "memory slots overlap");
            offsets[i] = (long)total;
            total += slot.Size;
            if (total > (ulong)Array.MaxLength)
                ThrowHelper.ThrowArgument(nameof(slots), "total guest memory exceeds one backing array");
        }

        backing = new byte[total];
        firstBase = this.slots[0].GpaBase;
        firstSize = this.slots[0].Size;
        firstLastUInt64 = firstSize - sizeof(ulong);
    }

    /// <summary>Number of slots.</summary>
    public int SlotCount => slots.Length;

    /// <summary>Total bytes of guest RAM across all slots.</summary>
    public long TotalSize => backing.LongLength;

    /// <summary>The slot at <paramref name="index"/> (slots are ordered by base GPA).</summary>
    public MemorySlot GetSlot(int index) => slots[index];

    /// <summary>True when <paramref name="length"/> bytes at <paramref name="gpa"/> lie inside one slot.</summary>
    public bool Contains(ulong gpa, int length) => TryLocate(gpa, length, out _);

    /// <summary>Reads a little-endian 64-bit value (a page-table entry, a VMCS field).</summary>
    /// <returns><see langword="false"/> (and 0) when the 8 bytes are not inside one slot.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadUInt64(ulong gpa, out ulong value)
    {
        if (TryLocate(gpa, sizeof(ulong), out long offset))
        {
            // TryLocate proved the 8 bytes are inside the array, so skip the bounds check.
            value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(backing), (nint)offset));
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// Reads a 64-bit value from the first slot only, without a call: the page walker's loop,
    /// which must hold no call to keep its state in registers. <see langword="false"/> means
    /// "not in the first slot", not "outside memory": the caller then uses <see cref="TryReadUInt64"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryReadUInt64FirstSlot(ulong gpa, out ulong value)
    {
        ulong offset = gpa - firstBase;
        // Unsigned: a GPA below the base wraps to a huge offset and fails too.
        if (offset <= firstLastUInt64)
        {
            value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(backing), (nint)offset));
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Writes a little-endian 64-bit value.</summary>
    /// <returns><see langword="false"/> when the 8 bytes are not inside one slot; nothing is written.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWriteUInt64(ulong gpa, ulong value)
    {
        if (TryLocate(gpa, sizeof(ulong), out long offset))
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(backing), (nint)offset), value);
            return true;
        }
        return false;
    }

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public bool TryReadUInt32(ulong gpa, out uint value)
    {
        if (TryLocate(gpa, sizeof(uint), out long offset))
        {
            value = BinaryPrimitives.ReadUInt32LittleEndian(backing.AsSpan((int)offset, sizeof(uint)));
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Writes a little-endian 32-bit value.</summary>
    public bool TryWriteUInt32(ulong gpa, uint value)
    {
        if (TryLocate(gpa, sizeof(uint), out long offset))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(backing.AsSpan((int)offset, sizeof(uint)), value);
            return true;
        }
        return false;
    }

    /// <summary>Reads one byte.</summary>
    public bool TryReadByte(ulong gpa, out byte value)
    {
        if (TryLocate(gpa, 1, out long offset))
        {
            value = backing[offset];
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// A writable view of <paramref name="length"/> bytes at <paramref name="gpa"/>, for reads and
    /// writes larger than one entry (a 256-byte message, a bitmap page).
    /// </summary>
    /// <returns><see langword="false"/> (and an empty span) when the range is not inside one slot.</returns>
    public bool TryGetSpan(ulong gpa, int length, out Span<byte> span)
    {
        if (length >= 0 && TryLocate(gpa, length, out long offset))
        {
            span = backing.AsSpan((int)offset, length);
            return true;
        }
        span = default;
        return false;
    }

    /// <summary>Zeroes all of guest memory.</summary>
    public void Clear() => Array.Clear(backing);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryLocate(ulong gpa, int length, out long offset)
    {
        ulong first = gpa - firstBase;
        // Unsigned compare: a GPA below the base wraps to a huge value and fails too.
        if (first < firstSize && (ulong)length <= firstSize - first)
        {
            offset = (long)first;
            return true;
        }
        return TryLocateSlow(gpa, length, out offset);
    }

    private bool TryLocateSlow(ulong gpa, int length, out long offset)
    {
        MemorySlot[] s = slots;
        for (int i = 1; i < s.Length; i++)
        {
            ulong rel = gpa - s[i].GpaBase;
            if (rel < s[i].Size && (ulong)length <= s[i].Size - rel)
            {
                offset = offsets[i] + (long)rel;
                return true;
            }
        }
        offset = 0;
        return false;
    }
}
