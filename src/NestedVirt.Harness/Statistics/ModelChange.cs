namespace NestedVirt.Harness.Statistics;

/// <summary>
/// A benchmark whose deterministic model counters differ between base and head: the modelled
/// path itself changed, which is reported apart from timing verdicts.
/// </summary>
/// <param name="Key">The benchmark.</param>
/// <param name="Changes">Every counter that differs, ordered by name.</param>
public sealed record ModelChange(BenchmarkKey Key, IReadOnlyList<CounterChange> Changes);
