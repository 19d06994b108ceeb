namespace NestedVirt.Nested;

/// <summary>
/// Primary VM-exit controls (Intel SDM Vol 3C §25.7.1 "VM-Exit Controls"). Bit numbers as the SDM
/// (cross-checked with Linux <c>asm/vmx.h</c> <c>VM_EXIT_*</c> values).
/// </summary>
[Flags]
public enum VmExitControls : uint
{
    /// <summary>No control set.</summary>
    None = 0,

    /// <summary>Bit 2: save debug controls (DR7, IA32_DEBUGCTL).</summary>
    SaveDebugControls = 1u << 2,

    /// <summary>Bit 9: host address-space size (L1 resumes in 64-bit mode).</summary>
    HostAddressSpaceSize = 1u << 9,

    /// <summary>Bit 12: load IA32_PERF_GLOBAL_CTRL.</summary>
    LoadPerfGlobalCtrl = 1u << 12,

    /// <summary>Bit 15: acknowledge interrupt on exit.</summary>
    AcknowledgeInterruptOnExit = 1u << 15,

    /// <summary>Bit 18: save IA32_PAT.</summary>
    SavePat = 1u << 18,

    /// <summary>Bit 19: load IA32_PAT.</summary>
    LoadPat = 1u << 19,

    /// <summary>Bit 20: save IA32_EFER.</summary>
    SaveEfer = 1u << 20,

    /// <summary>Bit 21: load IA32_EFER.</summary>
    LoadEfer = 1u << 21,

    /// <summary>Bit 22: save VMX-preemption timer value.</summary>
    SavePreemptionTimer = 1u << 22,

    /// <summary>Bit 23: clear IA32_BNDCFGS.</summary>
    ClearBndcfgs = 1u << 23,

    /// <summary>Bit 28: load CET state.</summary>
    LoadCetState = 1u << 28,
}
