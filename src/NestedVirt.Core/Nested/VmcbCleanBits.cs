namespace NestedVirt.Nested;

/// <summary>
/// VMCB clean bits at control offset 0xC0 (AMD APM Vol 2 §15.15.3 "VMCB Clean Field"; Linux
/// <c>enum vmcb_dirty_bits</c>). A set bit tells the consumer that the field group is unchanged
/// since the last VMRUN of this VMCB; KVM honours vmcb12's bits only when the vmcb12 GPA is the
/// same as on the previous VMRUN (model 01 §6).
/// </summary>
[Flags]
public enum VmcbCleanBits : uint
{
    /// <summary>Nothing clean.</summary>
    None = 0,

    /// <summary>Bit 0 I: intercept vectors, TSC offset, PAUSE filter.</summary>
    Intercepts = 1u << 0,

    /// <summary>Bit 1 IOPM: IOPM_BASE_PA and MSRPM_BASE_PA.</summary>
    PermissionMaps = 1u << 1,

    /// <summary>Bit 2: ASID.</summary>
    Asid = 1u << 2,

    /// <summary>Bit 3 TPR: virtual interrupt control.</summary>
    Interrupt = 1u << 3,

    /// <summary>Bit 4 NP: nested-paging enable, nCR3, G_PAT.</summary>
    NestedPaging = 1u << 4,

    /// <summary>Bit 5 CRx: CR0, CR3, CR4, EFER.</summary>
    ControlRegisters = 1u << 5,

    /// <summary>Bit 6 DRx: DR6, DR7.</summary>
    DebugRegisters = 1u << 6,

    /// <summary>Bit 7 DT: GDTR, IDTR.</summary>
    DescriptorTables = 1u << 7,

    /// <summary>Bit 8 SEG: ES, CS, SS, DS and CPL.</summary>
    Segments = 1u << 8,

    /// <summary>Bit 9: CR2.</summary>
    Cr2 = 1u << 9,

    /// <summary>Bit 10: LBR virtualization state.</summary>
    Lbr = 1u << 10,

    /// <summary>Bit 11: AVIC.</summary>
    Avic = 1u << 11,

    /// <summary>Bit 12: CET state.</summary>
    Cet = 1u << 12,

    /// <summary>Bit 31: Hyper-V enlightenments at 0x3E0 (TLFS; Linux <c>HV_VMCB_NESTED_ENLIGHTENMENTS</c>).</summary>
    HvNestedEnlightenments = 1u << 31,

    /// <summary>Every architectural bit (0–12) plus the Hyper-V bit.</summary>
    All = 0x1FFFu | (1u << 31),
}
