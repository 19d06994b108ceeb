namespace NestedVirt.Paging;

/// <summary>
/// Rules in force for one walk, normalised from the EPTP and EPT capabilities, or from the host
/// (NPT) or guest (L2 tables) control registers.
/// </summary>
[Flags]
public enum PagingFeatures : byte
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>EPT execute-only entries are legal (capability bit 0).</summary>
    ExecuteOnly = 1,

    /// <summary>2 MiB leaves are legal (EPT capability bit 16; always in x86-64 paging).</summary>
    Pages2M = 2,

    /// <summary>1 GiB leaves are legal (EPT capability bit 17; CPUID Page1GB for x86-64 paging).</summary>
    Pages1G = 4,

    /// <summary>Accessed/dirty bits are maintained (EPTP bit 6; always in x86-64 paging).</summary>
    AccessedDirty = 8,

    /// <summary>EFER.NXE: bit 63 is XD/NX; otherwise it is reserved (x86-64 formats).</summary>
    NoExecute = 16,

    /// <summary>CR0.WP: supervisor writes honour R/W (L2's own tables only; ignored for NPT, N-02).</summary>
    WriteProtect = 32,
}
