using System.Runtime.CompilerServices;

namespace NestedVirt.Hypercalls;

/// <summary>
/// The 64-bit hypercall input value (RCX, or EDX:EAX for a 32-bit caller), decoded once into its
/// fields (TLFS "Hypercall Inputs"; masks as Linux <c>hvgdk_mini.h</c>; model 02 §1).
/// </summary>
/// <remarks>
/// Two reserved masks exist. The current TLFS gives bit 31 a meaning ("Is Nested",
/// <c>HV_HYPERCALL_NESTED</c>: handle in the L0 hypervisor) and reserves 30:27, 47:44, 63:60.
/// KVM's <c>HV_HYPERCALL_RSVD_MASK</c> still reserves 31:27 (H-01), so KVM answers any call with
/// bit 31 set with <see cref="HvStatus.InvalidHypercallInput"/>; the relay clears the bit first.
/// </remarks>
public readonly struct HypercallInput
{
    /// <summary>Bits 15:0: call code.</summary>
    public const ulong CallCodeMask = 0x0000_0000_0000_FFFF;

    /// <summary>Bit 16: fast (register-based) calling convention.</summary>
    public const ulong FastBit = 0x0000_0000_0001_0000;

    /// <summary>Bits 26:17: variable header size in qwords.</summary>
    public const ulong VariableHeaderMask = 0x0000_0000_07FE_0000;

    /// <summary>Shift of the variable header size field.</summary>
    public const int VariableHeaderShift = 17;

    /// <summary>Bit 31: Is Nested (<c>HV_HYPERCALL_NESTED</c>).</summary>
    public const ulong NestedBit = 0x0000_0000_8000_0000;

    /// <summary>Bits 43:32: rep count.</summary>
    public const ulong RepCountMask = 0x0000_0FFF_0000_0000;

    /// <summary>Shift of the rep count field (also of reps completed in the result value).</summary>
    public const int RepCountShift = 32;

    /// <summary>Bits 59:48: rep start index.</summary>
    public const ulong RepStartIndexMask = 0x0FFF_0000_0000_0000;

    /// <summary>Shift of the rep start index field.</summary>
    public const int RepStartIndexShift = 48;

    /// <summary>RsvdZ bits per the current TLFS: 30:27, 47:44 and 63:60 (bit 31 is Is Nested).</summary>
    public const ulong TlfsReservedMask = 0xF000_F000_7800_0000;

    /// <summary>RsvdZ bits as KVM checks them (<c>HV_HYPERCALL_RSVD_MASK</c>): 31:27, 47:44, 63:60 (H-01).</summary>
    public const ulong KvmReservedMask = TlfsReservedMask | NestedBit;

    private readonly ulong value;
    private readonly ushort callCode;
    private readonly ushort variableHeaderSize;
    private readonly ushort repCount;
    private readonly ushort repStartIndex;

    /// <summary>Decodes <paramref name="value"/> (H-11).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public HypercallInput(ulong value)
    {
        this.value = value;
        callCode = (ushort)value;
        variableHeaderSize = (ushort)((value & VariableHeaderMask) >> VariableHeaderShift);
        repCount = (ushort)((value & RepCountMask) >> RepCountShift);
        repStartIndex = (ushort)((value & RepStartIndexMask) >> RepStartIndexShift);
    }

    /// <summary>The raw 64-bit input value, as the guest wrote it.</summary>
    public ulong Value => value;

    /// <summary>Bits 15:0 as a number (any value, known to <see cref="HvCallCode"/> or not).</summary>
    public ushort CallCode => callCode;

    /// <summary>Bits 15:0 as a <see cref="HvCallCode"/> (may be an undefined member).</summary>
    public HvCallCode Code => (HvCallCode)callCode;

    /// <summary>Bit 16: the register-based (fast) convention.</summary>
    public bool IsFast => (value & FastBit) != 0;

    /// <summary>Bits 26:17: variable header size in qwords (0 for calls without a variable header).</summary>
    public int VariableHeaderSize => variableHeaderSize;

    /// <summary>Bit 31: Is Nested.</summary>
    public bool IsNested => (value & NestedBit) != 0;

    /// <summary>Bits 43:32: rep count.</summary>
    public int RepCount => repCount;

    /// <summary>Bits 59:48: rep start index.</summary>
    public int RepStartIndex => repStartIndex;

    /// <summary>KVM's <c>hc.rep</c>: rep count or rep start index non-zero (H-11).</summary>
    public bool IsRep => (repCount | repStartIndex) != 0;

    /// <summary>Any TLFS RsvdZ bit set (30:27, 47:44, 63:60).</summary>
    public bool HasTlfsReservedBits => (value & TlfsReservedMask) != 0;

    /// <summary>Any bit of KVM's reserved mask set, which includes the nested bit (H-01, H-13).</summary>
    public bool HasKvmReservedBits => (value & KvmReservedMask) != 0;

    /// <summary>The same input with bit 31 cleared, as the relay writes RCX back .</summary>
    public HypercallInput WithNestedCleared() => new(value & ~NestedBit);

    /// <summary>Encodes an input value from its fields (tests, benchmarks, guest-side models).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field does not fit its bit width.</exception>
    public static HypercallInput Create(
        HvCallCode code,
        bool fast = false,
        int variableHeaderSize = 0,
        int repCount = 0,
        int repStartIndex = 0,
        bool nested = false)
    {
        if ((uint)variableHeaderSize > 0x3FF)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(variableHeaderSize), "must fit 10 bits");
        if ((uint)repCount > 0xFFF)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(repCount), "must fit 12 bits");
        if ((uint)repStartIndex > 0xFFF)
            ThrowHelper.ThrowArgumentOutOfRange(nameof(repStartIndex), "must fit 12 bits");

        ulong v = (ushort)code
            | (fast ? FastBit : 0)
            | ((ulong)variableHeaderSize << VariableHeaderShift)
            | (nested ? NestedBit : 0)
            | ((ulong)repCount << RepCountShift)
            | ((ulong)repStartIndex << RepStartIndexShift);
        return new HypercallInput(v);
    }
}
