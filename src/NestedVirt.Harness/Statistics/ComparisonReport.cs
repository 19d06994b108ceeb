namespace NestedVirt.Harness.Statistics;

/// <summary>Everything a base/head comparison found, ready for the text, Markdown and JSON writers.</summary>
public sealed class ComparisonReport
{
    /// <summary>Base commit (short hash, with <c>-dirty</c> when the work tree was dirty).</summary>
    public required string BaseCommit { get; init; }

    /// <summary>Head commit (short hash, with <c>-dirty</c> when the work tree was dirty).</summary>
    public required string HeadCommit { get; init; }

    /// <summary>Machine id of the base results.</summary>
    public required string BaseMachineId { get; init; }

    /// <summary>Machine id of the head results.</summary>
    public required string HeadMachineId { get; init; }

    /// <summary>True when base and head come from different machines; every output says so.</summary>
    public bool CrossMachine => !string.Equals(BaseMachineId, HeadMachineId, StringComparison.Ordinal);

    /// <summary>Thresholds used.</summary>
    public required ComparisonOptions Options { get; init; }

    /// <summary>Timing verdicts of benchmarks present on both sides, ordered by id.</summary>
    public required IReadOnlyList<BenchmarkComparison> Benchmarks { get; init; }

    /// <summary>Benchmarks whose deterministic counters differ, ordered by id.</summary>
    public required IReadOnlyList<ModelChange> ModelChanges { get; init; }

    /// <summary>Why instruction counts were not compared (one line), or null when they were or neither run has any.</summary>
    public string? InstructionNote { get; init; }

    /// <summary>Benchmarks only in head, ordered by id.</summary>
    public required IReadOnlyList<BenchmarkKey> Added { get; init; }

    /// <summary>Benchmarks only in base, ordered by id.</summary>
    public required IReadOnlyList<BenchmarkKey> Removed { get; init; }

    /// <summary>This report with <paramref name="benchmarks"/> in place of <see cref="Benchmarks"/>.</summary>
    public ComparisonReport WithBenchmarks(IReadOnlyList<BenchmarkComparison> benchmarks) => new()
    {
        BaseCommit = BaseCommit,
        HeadCommit = HeadCommit,
        BaseMachineId = BaseMachineId,
        HeadMachineId = HeadMachineId,
        Options = Options,
        Benchmarks = benchmarks,
        ModelChanges = ModelChanges,
        InstructionNote = InstructionNote,
        Added = Added,
        Removed = Removed,
    };

    /// <summary>True when at least one benchmark is slower.</summary>
    public bool HasRegression => Count(ComparisonVerdict.Slower) > 0;

    /// <summary>Benchmarks judged "same" whose interval still reaches past a limit.</summary>
    public int Unsure
    {
        get
        {
            int n = 0;
            foreach (BenchmarkComparison b in Benchmarks)
            {
                if (b.Verdict == ComparisonVerdict.Same && !b.Decided && b.Interval.IsBounded)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>True when every benchmark is flagged or has its interval inside both limits (or is too few to test).</summary>
    public bool AllDecided
    {
        get
        {
            foreach (BenchmarkComparison b in Benchmarks)
            {
                if (!b.Decided && b.Verdict != ComparisonVerdict.InsufficientData)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Number of benchmarks with the given verdict.</summary>
    /// <param name="verdict">The verdict to count.</param>
    public int Count(ComparisonVerdict verdict)
    {
        int n = 0;
        foreach (BenchmarkComparison b in Benchmarks)
        {
            if (b.Verdict == verdict)
            {
                n++;
            }
        }

        return n;
    }
}
