using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Ab;

/// <summary>The pooled runs of both sides and their comparison.</summary>
/// <param name="PooledA">Every round of A pooled into one envelope.</param>
/// <param name="PooledB">Every round of B pooled into one envelope.</param>
/// <param name="Report">B compared against A.</param>
public sealed record AbResult(ResultsEnvelope PooledA, ResultsEnvelope PooledB, ComparisonReport Report);
