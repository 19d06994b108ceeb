namespace NestedVirt.Harness.Gate;

/// <summary>One number that differs from the baseline, formatted for the diff.</summary>
/// <param name="Id">Benchmark id (counters) or hot-path id (instructions).</param>
/// <param name="Field">Counter name, <c>instructions/op</c>, or <c>(case)</c> for a case only on one side.</param>
/// <param name="Baseline">The baseline's value, or <c>absent</c>.</param>
/// <param name="Now">The value measured now, or <c>absent</c>.</param>
/// <param name="Delta">Now minus baseline (with the percentage for instructions), or <c>-</c>.</param>
public sealed record GateDifference(string Id, string Field, string Baseline, string Now, string Delta);
