using NestedVirt.Memory;

namespace NestedVirt.Nested;

/// <summary>
/// Accessor for the enlightened VMCS page in L1 memory (TLFS <c>HV_VMX_ENLIGHTENED_VMCS</c> version
/// 1; model 02 §7.1). Reads go through <see cref="GuestMemory"/> at the eVMCS GPA; nothing is copied.
/// A <see langword="false"/> return means the field is not inside guest RAM.
/// </summary>
/// <param name="memory">L1's memory.</param>
/// <param name="gpa">GPA of the eVMCS page.</param>
public readonly struct EnlightenedVmcs(GuestMemory memory, ulong gpa)
{
    /// <summary>Offset of VersionNumber (u32).</summary>
    public const int VersionNumberOffset = 0x000;

    /// <summary>Offset of CleanFields (u32, <see cref="EvmcsCleanFields"/>).</summary>
    public const int CleanFieldsOffset = 0x338;

    /// <summary>Offset of SyntheticControls (u32).</summary>
    public const int SyntheticControlsOffset = 0x340;

    /// <summary>Offset of EnlightenmentsControl (u32, <see cref="HvEnlightenmentsControl"/>).</summary>
    public const int EnlightenmentsControlOffset = 0x344;

    /// <summary>Offset of VpId (u32).</summary>
    public const int VpIdOffset = 0x348;

    /// <summary>Offset of VmId (u64).</summary>
    public const int VmIdOffset = 0x350;

    /// <summary>Offset of PartitionAssistPage (u64 GPA).</summary>
    public const int PartitionAssistPageOffset = 0x358;

    /// <summary>eVMCS version KVM supports (<c>KVM_EVMCS_VERSION</c>).</summary>
    public const uint SupportedVersion = 1;

    /// <summary>GPA of the page.</summary>
    public ulong Gpa { get; } = gpa;

    /// <summary>Reads VersionNumber (Hyper-V writes the VMCS revision id here instead; KVM accepts both).</summary>
    public bool TryReadVersion(out uint version) => memory.TryReadUInt32(Gpa + VersionNumberOffset, out version);

    /// <summary>Reads the clean-field bits.</summary>
    public bool TryReadCleanFields(out EvmcsCleanFields clean)
    {
        bool ok = memory.TryReadUInt32(Gpa + CleanFieldsOffset, out uint raw);
        clean = (EvmcsCleanFields)raw;
        return ok;
    }

    /// <summary>Writes the clean-field bits (L0 sets them all after an entry; L1 clears the groups it changes).</summary>
    public bool TryWriteCleanFields(EvmcsCleanFields clean) => memory.TryWriteUInt32(Gpa + CleanFieldsOffset, (uint)clean);

    /// <summary>Reads EnlightenmentsControl.</summary>
    public bool TryReadEnlightenmentsControl(out HvEnlightenmentsControl control)
    {
        bool ok = memory.TryReadUInt32(Gpa + EnlightenmentsControlOffset, out uint raw);
        control = (HvEnlightenmentsControl)raw;
        return ok;
    }

    /// <summary>Writes EnlightenmentsControl (test and setup helper: it is L1's field).</summary>
    public bool TryWriteEnlightenmentsControl(HvEnlightenmentsControl control) =>
        memory.TryWriteUInt32(Gpa + EnlightenmentsControlOffset, (uint)control);
}
