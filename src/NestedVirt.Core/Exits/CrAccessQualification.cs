namespace NestedVirt.Exits;

/// <summary>
/// Exit qualification of a VMX control-register access (Intel SDM Vol 3C Table 28-3 "Exit
/// Qualification for Control-Register Accesses", 27-3 in older editions).
/// </summary>
/// <param name="raw">The exit qualification.</param>
public readonly struct CrAccessQualification(ulong raw)
{
    /// <summary>The raw qualification.</summary>
    public ulong Raw { get; } = raw;

    /// <summary>Bits 3:0: the control register.</summary>
    public int ControlRegister => (int)(Raw & 0xF);

    /// <summary>Bits 5:4: the access type.</summary>
    public CrAccessType AccessType => (CrAccessType)((Raw >> 4) & 3);

    /// <summary>Bits 11:8: the general-purpose register of a MOV (0 = RAX ... 15 = R15).</summary>
    public int Register => (int)((Raw >> 8) & 0xF);

    /// <summary>Bits 31:16: the LMSW source operand.</summary>
    public ushort LmswSourceData => (ushort)(Raw >> 16);

    /// <summary>Builds a qualification.</summary>
    public static CrAccessQualification Create(int cr, CrAccessType type, int register = 0, ushort lmswSource = 0) =>
        new((ulong)(uint)(cr & 0xF) | ((ulong)type << 4) | ((ulong)(uint)(register & 0xF) << 8) | ((ulong)lmswSource << 16));
}
