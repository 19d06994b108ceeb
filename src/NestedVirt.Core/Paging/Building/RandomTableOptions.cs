namespace NestedVirt.Paging.Building;

/// <summary>Shape of a random table set made by <see cref="RandomPageTables"/>.</summary>
public sealed record RandomTableOptions
{
    /// <summary>Mappings attempted (some are skipped when they collide with a larger page).</summary>
    public int Mappings { get; init; } = 64;

    /// <summary>Fraction of written entries replaced by a malformed one, 0 to 1.</summary>
    public double MalformedRate { get; init; } = 0.05;

    /// <summary>L1 GPA of the region tables are allocated from.</summary>
    public ulong TableRegionBase { get; init; }

    /// <summary>Bytes of that region.</summary>
    public ulong TableRegionSize { get; init; } = 4 << 20;

    /// <summary>Outputs are drawn below this address (page-aligned to the page size).</summary>
    public ulong TargetLimit { get; init; } = 1UL << 32;

    /// <summary>MAXPHYADDR used to plant reserved address bits.</summary>
    public int MaxPhysAddr { get; init; } = 52;

    /// <summary>Whether 2 MiB and 1 GiB leaves are drawn.</summary>
    public bool LargePages { get; init; } = true;

    /// <summary>Random probe addresses per mapping, besides one inside each mapping.</summary>
    public double ExtraProbesPerMapping { get; init; } = 0.5;
}
