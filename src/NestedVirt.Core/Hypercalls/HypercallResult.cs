namespace NestedVirt.Hypercalls;

/// <summary>
/// The 64-bit hypercall result value returned in RAX (EDX:EAX for a 32-bit caller): bits 15:0
/// <see cref="HvStatus"/>, 31:16 ignored, 43:32 reps completed (the total, not relative to the
/// start index), 63:44 ignored (TLFS "Hypercall Outputs"; the TLFS labels the last row 63:40,
/// overlapping the reps field, so 63:44 is taken as reserved: model 02 §1, model sources §5.6).
/// </summary>
public readonly struct HypercallResult
{
    /// <summary>Bits 15:0: the status.</summary>
    public const ulong StatusMask = 0xFFFF;

    /// <summary>Bits 43:32: reps completed.</summary>
    public const ulong RepsCompletedMask = 0x0000_0FFF_0000_0000;

    /// <summary>Shift of the reps-completed field.</summary>
    public const int RepsCompletedShift = 32;

    private readonly ulong value;

    /// <summary>Wraps a raw result value (for example <c>hcall.result</c> written by userspace).</summary>
    public HypercallResult(ulong value) => this.value = value;

    /// <summary>The raw 64-bit value.</summary>
    public ulong Value => value;

    /// <summary>Bits 15:0.</summary>
    public HvStatus Status => (HvStatus)(ushort)value;

    /// <summary>Bits 43:32.</summary>
    public int RepsCompleted => (int)((value & RepsCompletedMask) >> RepsCompletedShift);

    /// <summary>True when the status is <see cref="HvStatus.Success"/> (KVM's <c>hv_result_success</c>).</summary>
    public bool IsSuccess => (value & StatusMask) == 0;

    /// <summary>Encodes a status and a reps-completed count (masked to 12 bits).</summary>
    public static HypercallResult Create(HvStatus status, int repsCompleted = 0) =>
        new((ushort)status | (((ulong)(uint)repsCompleted << RepsCompletedShift) & RepsCompletedMask));
}
