namespace NestedVirt.Exits;

/// <summary>x86 exception vectors used by the routing rules (Intel SDM Vol 3A Table 6-1).</summary>
public enum ExceptionVector : byte
{
    /// <summary>#DE divide error.</summary>
    DivideError = 0,

    /// <summary>#DB debug.</summary>
    Debug = 1,

    /// <summary>NMI (vector 2; delivered as an NMI, not an exception).</summary>
    Nmi = 2,

    /// <summary>#BP breakpoint.</summary>
    Breakpoint = 3,

    /// <summary>#UD invalid opcode.</summary>
    InvalidOpcode = 6,

    /// <summary>#NM device not available.</summary>
    DeviceNotAvailable = 7,

    /// <summary>#DF double fault.</summary>
    DoubleFault = 8,

    /// <summary>#GP general protection.</summary>
    GeneralProtection = 13,

    /// <summary>#PF page fault.</summary>
    PageFault = 14,

    /// <summary>#AC alignment check.</summary>
    AlignmentCheck = 17,

    /// <summary>#MC machine check.</summary>
    MachineCheck = 18,

    /// <summary>#VE virtualization exception.</summary>
    VirtualizationException = 20,
}
