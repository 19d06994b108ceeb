namespace NestedVirt.Nested;

/// <summary>
/// Secondary processor-based VM-execution controls (Intel SDM Vol 3C §25.6.2, Table 25-7
/// "Definitions of Secondary Processor-Based VM-Execution Controls"; Table 24-7 in older editions).
/// Bit numbers as the SDM. They take effect only with
/// <see cref="PrimaryProcessorControls.ActivateSecondaryControls"/> (KVM <c>nested_cpu_has2</c>).
/// </summary>
[Flags]
public enum SecondaryProcessorControls : uint
{
    /// <summary>No control set.</summary>
    None = 0,

    /// <summary>Bit 0: virtualize APIC accesses.</summary>
    VirtualizeApicAccesses = 1u << 0,

    /// <summary>Bit 1: enable EPT.</summary>
    EnableEpt = 1u << 1,

    /// <summary>Bit 2: descriptor-table exiting.</summary>
    DescriptorTableExiting = 1u << 2,

    /// <summary>Bit 3: enable RDTSCP.</summary>
    EnableRdtscp = 1u << 3,

    /// <summary>Bit 4: virtualize x2APIC mode.</summary>
    VirtualizeX2ApicMode = 1u << 4,

    /// <summary>Bit 5: enable VPID.</summary>
    EnableVpid = 1u << 5,

    /// <summary>Bit 6: WBINVD exiting.</summary>
    WbinvdExiting = 1u << 6,

    /// <summary>Bit 7: unrestricted guest.</summary>
    UnrestrictedGuest = 1u << 7,

    /// <summary>Bit 8: APIC-register virtualization.</summary>
    ApicRegisterVirtualization = 1u << 8,

    /// <summary>Bit 9: virtual-interrupt delivery.</summary>
    VirtualInterruptDelivery = 1u << 9,

    /// <summary>Bit 10: PAUSE-loop exiting.</summary>
    PauseLoopExiting = 1u << 10,

    /// <summary>Bit 11: RDRAND exiting.</summary>
    RdrandExiting = 1u << 11,

    /// <summary>Bit 12: enable INVPCID.</summary>
    EnableInvpcid = 1u << 12,

    /// <summary>Bit 13: enable VM functions.</summary>
    EnableVmFunctions = 1u << 13,

    /// <summary>Bit 14: VMCS shadowing (L1 uses VMREAD/VMWRITE bitmaps for its own guest).</summary>
    VmcsShadowing = 1u << 14,

    /// <summary>Bit 15: enable ENCLS exiting.</summary>
    EnclsExiting = 1u << 15,

    /// <summary>Bit 16: RDSEED exiting.</summary>
    RdseedExiting = 1u << 16,

    /// <summary>Bit 17: enable PML.</summary>
    EnablePml = 1u << 17,

    /// <summary>Bit 18: EPT-violation #VE.</summary>
    EptViolationVe = 1u << 18,

    /// <summary>Bit 20: enable XSAVES/XRSTORS.</summary>
    EnableXsaves = 1u << 20,

    /// <summary>Bit 22: mode-based execute control for EPT.</summary>
    ModeBasedEptExecute = 1u << 22,

    /// <summary>Bit 25: use TSC scaling.</summary>
    UseTscScaling = 1u << 25,

    /// <summary>Bit 26: enable user wait and pause (UMWAIT/TPAUSE).</summary>
    EnableUserWaitPause = 1u << 26,
}
