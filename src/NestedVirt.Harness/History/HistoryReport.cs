namespace NestedVirt.Harness.History;

/// <summary>The outcome of a history analysis.</summary>
public sealed class HistoryReport
{
    /// <summary>The machine analysed.</summary>
    public required string MachineId { get; init; }

    /// <summary>Commit labels in history order.</summary>
    public required IReadOnlyList<string> Commits { get; init; }

    /// <summary>Per-benchmark series, ordered by id.</summary>
    public required IReadOnlyList<BenchmarkHistory> Benchmarks { get; init; }

    /// <summary>Runs left out because the work tree was dirty (their numbers belong to no commit).</summary>
    public int SkippedDirty { get; init; }

    /// <summary>Smoke runs (dry job) left out; <c>--include-smoke</c> keeps them.</summary>
    public int SkippedSmoke { get; init; }

    /// <summary>Runs left out because they came from another machine.</summary>
    public int SkippedOtherMachine { get; init; }

    /// <summary>Runs left out because their commit is unknown or not in the commit order.</summary>
    public int SkippedUnknownCommit { get; init; }

    /// <summary>Exact changes of stored instruction counts between consecutive runs (<see cref="InstructionHistory"/>).</summary>
    public IReadOnlyList<InstructionStep> InstructionSteps { get; init; } = [];

    /// <summary>Where instruction counts could not be compared (a setup change), one line each.</summary>
    public IReadOnlyList<string> InstructionNotes { get; init; } = [];
}
