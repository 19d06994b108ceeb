namespace NestedVirt.Harness.Gate;

/// <summary>
/// What the CI gate pins (<c>results/baseline/ci-baseline.json</c>), and equally what one gate
/// run measures: the model counters per operation of every headline case, exact, and the
/// instructions per operation of every hot path, with the runtime and CPU they were counted on.
/// Dictionaries are sorted so the committed file changes only where a number changes.
/// </summary>
public sealed class GateBaseline
{
    /// <summary>The file format this code reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version of the file.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>.NET runtime the instruction counts come from.</summary>
    public string Runtime { get; init; } = "";

    /// <summary>CPU model the instruction counts come from (for the record: counts are compared across CPU models of one ISA).</summary>
    public string Cpu { get; init; } = "";

    /// <summary>The instruction-set pin of the counts (<see cref="Instructions.InstructionMachine.Isa"/>); null in baselines written before the pin, which then match on <see cref="Cpu"/>.</summary>
    public string? Isa { get; init; }

    /// <summary>
    /// The setup of the instruction counts (<see cref="Instructions.InstructionSetup"/>: runtime,
    /// JIT settings, method, N, case list); null in baselines from before exact counts, whose
    /// counts are then not compared (the gate says so and asks for <c>gate --update</c>).
    /// </summary>
    public string? InstructionSetup { get; init; }

    /// <summary>N of the instruction counts (0 when none were counted).</summary>
    public long InstructionIterations { get; init; }

    /// <summary>Model counters per operation: benchmark id, then counter name.</summary>
    public SortedDictionary<string, SortedDictionary<string, double>> Counters { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Instructions per operation, exact and unrounded, by hot-path or benchmark id; empty when not counted.</summary>
    public SortedDictionary<string, double> Instructions { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Why <see cref="Instructions"/> is empty (no valgrind, not asked), or null.</summary>
    public string? InstructionsNote { get; init; }
}
