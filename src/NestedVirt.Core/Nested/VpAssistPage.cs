using NestedVirt.Memory;

namespace NestedVirt.Nested;

/// <summary>
/// Accessor for L1's VP assist page (TLFS <c>HV_VP_ASSIST_PAGE</c>, Linux
/// <c>struct hv_vp_assist_page</c>; model 02 §7.1), read in place through <see cref="GuestMemory"/>.
/// </summary>
/// <param name="memory">L1's memory.</param>
/// <param name="gpa">GPA of the page.</param>
public readonly struct VpAssistPage(GuestMemory memory, ulong gpa)
{
    /// <summary>MSR that locates the page: <c>HV_X64_MSR_VP_ASSIST_PAGE</c>.</summary>
    public const uint Msr = 0x40000073;

    /// <summary>Offset of ApicAssist (u32; 0x04 reserved).</summary>
    public const int ApicAssistOffset = 0x00;

    /// <summary>Offset of the VTL control area (0x08–0x1F).</summary>
    public const int VtlControlOffset = 0x08;

    /// <summary>Offset of NestedEnlightenmentsControl.Features (u32, <see cref="VpAssistFeatures"/>).</summary>
    public const int FeaturesOffset = 0x20;

    /// <summary>Offset of NestedEnlightenmentsControl.HypercallControls (u32; bit 0 InterPartitionCommunication).</summary>
    public const int HypercallControlsOffset = 0x24;

    /// <summary>Offset of EnlightenVmEntry (u8): L1 opts into the enlightened VMCS.</summary>
    public const int EnlightenVmEntryOffset = 0x28;

    /// <summary>Offset of CurrentNestedVmcs (u64 GPA of the active eVMCS).</summary>
    public const int CurrentNestedVmcsOffset = 0x30;

    /// <summary>Offset of SyntheticTimeUnhaltedTimerExpired (u8).</summary>
    public const int SyntheticTimeUnhaltedTimerExpiredOffset = 0x38;

    /// <summary>Offset of VirtualizationFaultInformation (16-byte aligned).</summary>
    public const int VirtualizationFaultInformationOffset = 0x40;

    /// <summary>GPA of the page.</summary>
    public ulong Gpa { get; } = gpa;

    /// <summary>
    /// Decodes the MSR value: bit 0 enables the page, bits 63:12 hold its PFN.
    /// </summary>
    /// <returns><see langword="false"/> (and GPA 0) when the enable bit is clear.</returns>
    public static bool TryDecodeMsr(ulong msrValue, out ulong gpa)
    {
        gpa = (msrValue & 1) != 0 ? msrValue & ~0xFFFUL : 0;
        return (msrValue & 1) != 0;
    }

    /// <summary>Reads NestedEnlightenmentsControl.Features.</summary>
    public bool TryReadFeatures(out VpAssistFeatures features)
    {
        bool ok = memory.TryReadUInt32(Gpa + FeaturesOffset, out uint raw);
        features = (VpAssistFeatures)raw;
        return ok;
    }

    /// <summary>Writes NestedEnlightenmentsControl.Features (setup helper: it is L1's field).</summary>
    public bool TryWriteFeatures(VpAssistFeatures features) => memory.TryWriteUInt32(Gpa + FeaturesOffset, (uint)features);

    /// <summary>Reads EnlightenVmEntry (non-zero = L1 uses the enlightened VMCS).</summary>
    public bool TryReadEnlightenVmEntry(out bool enabled)
    {
        bool ok = memory.TryReadByte(Gpa + EnlightenVmEntryOffset, out byte raw);
        enabled = raw != 0;
        return ok;
    }

    /// <summary>Reads CurrentNestedVmcs.</summary>
    public bool TryReadCurrentNestedVmcs(out ulong evmcsGpa) => memory.TryReadUInt64(Gpa + CurrentNestedVmcsOffset, out evmcsGpa);
}
