using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Bisect;

/// <summary>One tested commit: the ab of it against GOOD and what bisect concluded.</summary>
/// <param name="Number">0 for the check of BAD itself, then 1, 2, ...</param>
/// <param name="Commit">Full hash.</param>
/// <param name="Subject">First line of the commit message.</param>
/// <param name="Bad">True when the commit carries the slowdown.</param>
/// <param name="Reason">Why: "slower", or "unsure, closer to bad", ...</param>
/// <param name="Evidence">The chased benchmarks' comparisons at this step.</param>
/// <param name="Rounds">Rounds the ab ran.</param>
public sealed record BisectStep(int Number, string Commit, string Subject, bool Bad, string Reason, IReadOnlyList<BenchmarkComparison> Evidence, int Rounds);
