using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Ab;

/// <summary>The pooled runs of both sides and their comparison.</summary>
/// <param name="PooledA">Every round of A pooled into one envelope.</param>
/// <param name="PooledB">Every round of B pooled into one envelope.</param>
/// <param name="Report">B compared against A at the last look.</param>
/// <param name="Rounds">Rounds run (fewer than the maximum when every benchmark was decided early).</param>
public sealed record AbResult(ResultsEnvelope PooledA, ResultsEnvelope PooledB, ComparisonReport Report, int Rounds = 1);
