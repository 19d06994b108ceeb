namespace NestedVirt.Nested;

/// <summary>
/// NestedEnlightenmentsControl.Features, the u32 at VP assist page offset 0x20 (TLFS
/// <c>HV_VP_ASSIST_PAGE</c>; model 02 §7.1).
/// </summary>
[Flags]
public enum VpAssistFeatures : uint
{
    /// <summary>No feature.</summary>
    None = 0,

    /// <summary>Bit 0 DirectHypercall: L1 allows its L2 to make direct hypercalls to L0 (G-01, G-02).</summary>
    DirectHypercall = 1 << 0,

    /// <summary>Bit 1 VirtualizationException.</summary>
    VirtualizationException = 1 << 1,
}
