namespace NestedVirt.Nested;

/// <summary>
/// VM-entry controls (Intel SDM Vol 3C §25.8.1 "VM-Entry Controls"). Bit numbers as the SDM
/// (cross-checked with Linux <c>asm/vmx.h</c> <c>VM_ENTRY_*</c> values).
/// </summary>
[Flags]
public enum VmEntryControls : uint
{
    /// <summary>No control set.</summary>
    None = 0,

    /// <summary>Bit 2: load debug controls.</summary>
    LoadDebugControls = 1u << 2,

    /// <summary>Bit 9: IA-32e mode guest.</summary>
    Ia32eModeGuest = 1u << 9,

    /// <summary>Bit 13: load IA32_PERF_GLOBAL_CTRL.</summary>
    LoadPerfGlobalCtrl = 1u << 13,

    /// <summary>Bit 14: load IA32_PAT.</summary>
    LoadPat = 1u << 14,

    /// <summary>Bit 15: load IA32_EFER.</summary>
    LoadEfer = 1u << 15,

    /// <summary>Bit 16: load IA32_BNDCFGS.</summary>
    LoadBndcfgs = 1u << 16,

    /// <summary>Bit 20: load CET state.</summary>
    LoadCetState = 1u << 20,
}
