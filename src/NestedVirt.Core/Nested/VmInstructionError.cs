namespace NestedVirt.Nested;

/// <summary>
/// VM-instruction error numbers written to the VM-instruction-error field on VMfailValid (Intel
/// SDM Vol 3C §31.4 "VM Instruction Error Numbers", Table 31-1; §30.4 in older editions). Only the
/// numbers the model produces (model 01 §4.2 step 4) are named.
/// </summary>
public enum VmInstructionError : uint
{
    /// <summary>No error recorded.</summary>
    None = 0,

    /// <summary>4: VMLAUNCH with non-clear VMCS.</summary>
    VmlaunchNonClearVmcs = 4,

    /// <summary>5: VMRESUME with non-launched VMCS.</summary>
    VmresumeNonLaunchedVmcs = 5,

    /// <summary>7: VM entry with invalid control field(s).</summary>
    EntryInvalidControlFields = 7,

    /// <summary>8: VM entry with invalid host-state field(s).</summary>
    EntryInvalidHostStateFields = 8,

    /// <summary>26: VM entry with events blocked by MOV SS.</summary>
    EntryEventsBlockedByMovSs = 26,
}
