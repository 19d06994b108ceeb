namespace NestedVirt.Benchmarks.Paging;

/// <summary>What a walk benchmark translates.</summary>
public enum WalkDimension
{
    /// <summary>An L2 GPA through L1's EPT/NPT to an L1 GPA.</summary>
    OneD,

    /// <summary>An L2 linear address through L2's tables and L1's EPT/NPT to an L1 GPA.</summary>
    TwoD,
}
