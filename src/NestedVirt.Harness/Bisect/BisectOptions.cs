using NestedVirt.Harness.Ab;

namespace NestedVirt.Harness.Bisect;

/// <summary>What a bisect session searches.</summary>
public sealed record BisectOptions
{
    /// <summary>A commit without the slowdown.</summary>
    public required string Good { get; init; }

    /// <summary>A later commit with it; GOOD must be its ancestor.</summary>
    public required string Bad { get; init; }

    /// <summary>The ab settings of every step (repository, rounds, filter, verdict); revisions are set per step.</summary>
    public required AbOptions Ab { get; init; }
}
