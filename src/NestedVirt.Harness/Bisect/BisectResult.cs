namespace NestedVirt.Harness.Bisect;

/// <summary>The outcome of a bisect session.</summary>
/// <param name="Good">GOOD's full hash.</param>
/// <param name="Bad">BAD's full hash.</param>
/// <param name="Candidates">Commits after GOOD up to BAD, oldest first (first-parent line).</param>
/// <param name="Steps">Every tested commit in test order; step 0 is BAD.</param>
/// <param name="FirstBad">The first commit with the slowdown, or null when BAD is not slower than GOOD.</param>
public sealed record BisectResult(string Good, string Bad, IReadOnlyList<string> Candidates, IReadOnlyList<BisectStep> Steps, BisectStep? FirstBad);
