namespace NestedVirt.Exits;

/// <summary>
/// Exit qualification of a VMX I/O-instruction exit (Intel SDM Vol 3C Table 28-5 "Exit
/// Qualification for I/O Instructions", 27-5 in older editions).
/// </summary>
/// <param name="raw">The exit qualification.</param>
public readonly struct VmxIoQualification(ulong raw)
{
    /// <summary>The raw qualification.</summary>
    public ulong Raw { get; } = raw;

    /// <summary>Access size in bytes: bits 2:0 hold size − 1 (0, 1 or 3).</summary>
    public int Size => (int)(Raw & 7) + 1;

    /// <summary>Bit 3: 1 = IN, 0 = OUT.</summary>
    public bool IsIn => (Raw & (1 << 3)) != 0;

    /// <summary>Bit 4: string instruction.</summary>
    public bool IsString => (Raw & (1 << 4)) != 0;

    /// <summary>Bit 5: REP prefix.</summary>
    public bool IsRep => (Raw & (1 << 5)) != 0;

    /// <summary>Bits 31:16: port number.</summary>
    public ushort Port => (ushort)(Raw >> 16);

    /// <summary>Builds a qualification for a non-string access.</summary>
    /// <param name="port">Port number.</param>
    /// <param name="size">1, 2 or 4 bytes.</param>
    /// <param name="isIn">IN rather than OUT.</param>
    public static VmxIoQualification Create(ushort port, int size, bool isIn) =>
        new((ulong)(uint)((size - 1) & 7) | (isIn ? 1UL << 3 : 0) | ((ulong)port << 16));
}
