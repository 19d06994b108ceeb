namespace NestedVirt.Nested;

/// <summary>
/// Primary processor-based VM-execution controls (Intel SDM Vol 3C §25.6.2, Table 25-6
/// "Definitions of Primary Processor-Based VM-Execution Controls"; Table 24-6 in older editions).
/// Bit numbers as the SDM.
/// </summary>
[Flags]
public enum PrimaryProcessorControls : uint
{
    /// <summary>No control set.</summary>
    None = 0,

    /// <summary>Bit 2: interrupt-window exiting.</summary>
    InterruptWindowExiting = 1u << 2,

    /// <summary>Bit 3: use TSC offsetting.</summary>
    UseTscOffsetting = 1u << 3,

    /// <summary>Bit 7: HLT exiting.</summary>
    HltExiting = 1u << 7,

    /// <summary>Bit 9: INVLPG exiting.</summary>
    InvlpgExiting = 1u << 9,

    /// <summary>Bit 10: MWAIT exiting.</summary>
    MwaitExiting = 1u << 10,

    /// <summary>Bit 11: RDPMC exiting.</summary>
    RdpmcExiting = 1u << 11,

    /// <summary>Bit 12: RDTSC exiting (also governs RDTSCP).</summary>
    RdtscExiting = 1u << 12,

    /// <summary>Bit 15: CR3-load exiting.</summary>
    Cr3LoadExiting = 1u << 15,

    /// <summary>Bit 16: CR3-store exiting.</summary>
    Cr3StoreExiting = 1u << 16,

    /// <summary>Bit 17: activate tertiary controls.</summary>
    ActivateTertiaryControls = 1u << 17,

    /// <summary>Bit 19: CR8-load exiting.</summary>
    Cr8LoadExiting = 1u << 19,

    /// <summary>Bit 20: CR8-store exiting.</summary>
    Cr8StoreExiting = 1u << 20,

    /// <summary>Bit 21: use TPR shadow.</summary>
    UseTprShadow = 1u << 21,

    /// <summary>Bit 22: NMI-window exiting.</summary>
    NmiWindowExiting = 1u << 22,

    /// <summary>Bit 23: MOV-DR exiting.</summary>
    MovDrExiting = 1u << 23,

    /// <summary>Bit 24: unconditional I/O exiting.</summary>
    UnconditionalIoExiting = 1u << 24,

    /// <summary>Bit 25: use I/O bitmaps.</summary>
    UseIoBitmaps = 1u << 25,

    /// <summary>Bit 27: monitor trap flag.</summary>
    MonitorTrapFlag = 1u << 27,

    /// <summary>Bit 28: use MSR bitmaps.</summary>
    UseMsrBitmaps = 1u << 28,

    /// <summary>Bit 29: MONITOR exiting.</summary>
    MonitorExiting = 1u << 29,

    /// <summary>Bit 30: PAUSE exiting.</summary>
    PauseExiting = 1u << 30,

    /// <summary>Bit 31: activate secondary controls (without it every secondary control reads as 0).</summary>
    ActivateSecondaryControls = 1u << 31,
}
