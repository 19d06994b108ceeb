namespace NestedVirt.Nested;

/// <summary>
/// Pin-based VM-execution controls (Intel SDM Vol 3C §25.6.1, Table 25-5 "Definitions of
/// Pin-Based VM-Execution Controls"; Table 24-5 in older editions). Bit numbers as the SDM.
/// </summary>
[Flags]
public enum PinBasedControls : uint
{
    /// <summary>No control set.</summary>
    None = 0,

    /// <summary>Bit 0: external-interrupt exiting.</summary>
    ExternalInterruptExiting = 1u << 0,

    /// <summary>Bit 3: NMI exiting.</summary>
    NmiExiting = 1u << 3,

    /// <summary>Bit 5: virtual NMIs.</summary>
    VirtualNmis = 1u << 5,

    /// <summary>Bit 6: activate VMX-preemption timer.</summary>
    ActivatePreemptionTimer = 1u << 6,

    /// <summary>Bit 7: process posted interrupts.</summary>
    ProcessPostedInterrupts = 1u << 7,
}
