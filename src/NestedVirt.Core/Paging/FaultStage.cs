namespace NestedVirt.Paging;

/// <summary>Which dimension of a walk failed.</summary>
public enum FaultStage : byte
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>L1's EPT/NPT (the nested dimension): L0 reflects an EPT exit or #NPF to L1.</summary>
    Nested = 1,

    /// <summary>L2's own page tables (the guest dimension): a #PF for L2.</summary>
    Guest = 2,
}
