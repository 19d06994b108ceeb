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

    /// <summary>Rounds; each runs A and B (ABBA order) in fresh processes, with a look after each from the minimum on.</summary>
    public SequentialPlan Rounds { get; init; } = new(2, 5);

    /// <summary>Where the benchmark processes run.</summary>
    public CpuPinning Pinning { get; init; } = CpuPinning.None;

    /// <summary>BenchmarkDotNet filter glob passed to <c>nvbench run --filter</c>.</summary>
    public string Filter { get; init; } = "*";

    /// <summary>Thresholds of the final verdict.</summary>
    public ComparisonOptions Comparison { get; init; } = ComparisonOptions.Default;

    /// <summary>Folder for worktrees and outputs; a fresh folder under the system temp folder when null.</summary>
    public string? WorkRoot { get; init; }
}
