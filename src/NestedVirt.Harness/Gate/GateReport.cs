namespace NestedVirt.Harness.Gate;

/// <summary>The gate's verdict: every difference, and notes on what was not compared and why.</summary>
public sealed class GateReport
{
    /// <summary>Differences, counters first (by id, then field), then instructions.</summary>
    public required IReadOnlyList<GateDifference> Differences { get; init; }

    /// <summary>Lines saying what was skipped and why (instruction counts on another machine, no valgrind).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Cases whose counters were compared.</summary>
    public int CasesCompared { get; init; }

    /// <summary>Hot paths whose instruction counts were compared (0 when skipped).</summary>
    public int InstructionsCompared { get; init; }

    /// <summary>The instruction threshold the comparison used, in percent: 0 is exact (a cross-CPU comparison raises the default, GateComparer.CrossCpuTolerancePercent).</summary>
    public double InstructionThresholdPercent { get; init; }

    /// <summary>Largest relative instruction change among the compared hot paths, in percent (signed).</summary>
    public double LargestInstructionChangePercent { get; init; }

    /// <summary>True when nothing differs.</summary>
    public bool Passed => Differences.Count == 0;
}
