namespace NestedVirt.Paging;

/// <summary>
/// Bits of <c>IA32_VMX_EPT_VPID_CAP</c> (MSR 0x48C) that shape an EPT walk, at their MSR
/// positions (SDM 3D appendix A.10; verified in Linux <c>arch/x86/include/asm/vmx.h</c>). For a
/// nested walk these are the capabilities L0 offers L1, not the host's.
/// </summary>
[Flags]
public enum EptVpidCapabilities : ulong
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Bit 0: execute-only translations (XWR = 100) are allowed.</summary>
    ExecuteOnly = 1UL << 0,

    /// <summary>Bit 6: 4-level walks (EPTP walk length 3).</summary>
    PageWalkLength4 = 1UL << 6,

    /// <summary>Bit 7: 5-level walks (EPTP walk length 4).</summary>
    PageWalkLength5 = 1UL << 7,

    /// <summary>Bit 8: uncacheable (0) paging-structure memory type in the EPTP.</summary>
    MemoryTypeUc = 1UL << 8,

    /// <summary>Bit 14: write-back (6) paging-structure memory type in the EPTP.</summary>
    MemoryTypeWb = 1UL << 14,

    /// <summary>Bit 16: 2 MiB leaves at the PDE.</summary>
    Pages2M = 1UL << 16,

    /// <summary>Bit 17: 1 GiB leaves at the PDPTE.</summary>
    Pages1G = 1UL << 17,

    /// <summary>Bit 20: INVEPT.</summary>
    Invept = 1UL << 20,

    /// <summary>Bit 21: accessed and dirty flags (enabled per EPTP bit 6).</summary>
    AccessedDirty = 1UL << 21,

    /// <summary>What KVM offers a nested L1 on a modern host (W-17): 4/5-level, WB, 2M/1G, INVEPT, A/D, execute-only.</summary>
    KvmNestedDefault = ExecuteOnly | PageWalkLength4 | PageWalkLength5 | MemoryTypeWb | Pages2M | Pages1G | Invept | AccessedDirty,
}
