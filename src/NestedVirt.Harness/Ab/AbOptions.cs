using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Ab;

/// <summary>What an A/B session builds and runs.</summary>
public sealed record AbOptions
{
    /// <summary>The repository to take worktrees from.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Revision A (the baseline).</summary>
    public required string RevisionA { get; init; }

    /// <summary>Revision B (the candidate).</summary>
    public required string RevisionB { get; init; }

    /// <summary>Rounds; each runs A then B in a fresh process.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>BenchmarkDotNet filter glob passed to <c>nvbench run --filter</c>.</summary>
    public string Filter { get; init; } = "*";

    /// <summary>Thresholds of the final verdict.</summary>
    public ComparisonOptions Comparison { get; init; } = ComparisonOptions.Default;

    /// <summary>Folder for worktrees and outputs; a fresh folder under the system temp folder when null.</summary>
    public string? WorkRoot { get; init; }
}
