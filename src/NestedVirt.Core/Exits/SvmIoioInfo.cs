namespace NestedVirt.Exits;

/// <summary>
/// EXITINFO1 of an SVM IOIO intercept (AMD APM Vol 2 §15.10.2 "IN and OUT Behavior"): bit 0 type
/// (1 = IN), bit 2 string, bit 3 REP, bits 6:4 one-hot operand size (8/16/32-bit), bits 31:16 port.
/// </summary>
/// <param name="raw">EXITINFO1.</param>
public readonly struct SvmIoioInfo(ulong raw)
{
    private const int SizeShift = 4;

    /// <summary>The raw EXITINFO1.</summary>
    public ulong Raw { get; } = raw;

    /// <summary>Bit 0: 1 = IN.</summary>
    public bool IsIn => (Raw & 1) != 0;

    /// <summary>Access size in bytes: the one-hot SZ8/SZ16/SZ32 field read as a number (1, 2, 4), as KVM reads it.</summary>
    public int Size => (int)((Raw >> SizeShift) & 7);

    /// <summary>Bits 31:16: port number.</summary>
    public ushort Port => (ushort)(Raw >> 16);

    /// <summary>Builds EXITINFO1 for a non-string access of 1, 2 or 4 bytes.</summary>
    public static SvmIoioInfo Create(ushort port, int size, bool isIn) =>
        new((isIn ? 1UL : 0) | ((ulong)(size & 7) << SizeShift) | ((ulong)port << 16));
}
