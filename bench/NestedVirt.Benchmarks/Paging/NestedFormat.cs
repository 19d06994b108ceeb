namespace NestedVirt.Benchmarks.Paging;

/// <summary>L1's nested table format.</summary>
public enum NestedFormat
{
    /// <summary>Intel EPT.</summary>
    Ept,

    /// <summary>AMD NPT.</summary>
    Npt,
}
