namespace NestedVirt.Exits;

/// <summary>
/// Interruption type, bits 10:8 of the VMX VM-exit interruption-information field (Intel SDM Vol 3C
/// §28.2.2 "Information for VM Exits Due to Vectored Events", §27.2.2 in older editions).
/// </summary>
public enum InterruptionType : byte
{
    /// <summary>External interrupt.</summary>
    ExternalInterrupt = 0,

    /// <summary>Non-maskable interrupt.</summary>
    Nmi = 2,

    /// <summary>Hardware exception (every fault and trap except #BP/#OF from INT3/INTO and INT1).</summary>
    HardwareException = 3,

    /// <summary>Software interrupt (INT n).</summary>
    SoftwareInterrupt = 4,

    /// <summary>Privileged software exception (INT1/ICEBP).</summary>
    PrivilegedSoftwareException = 5,

    /// <summary>Software exception (INT3, INTO).</summary>
    SoftwareException = 6,

    /// <summary>Other event (MTF injected by L1).</summary>
    OtherEvent = 7,
}
