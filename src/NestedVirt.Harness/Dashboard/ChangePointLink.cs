namespace NestedVirt.Harness.Dashboard;

/// <summary>One confirmed shift as the dashboard lists it, with where to look next.</summary>
/// <param name="Benchmark">Benchmark label.</param>
/// <param name="Commit">Full hash of the first commit of the new level.</param>
/// <param name="Before">Full hash of the commit before it.</param>
/// <param name="Text">The shift line (<c>+12.0% (100 -> 112 ns, slower)</c>).</param>
/// <param name="Slower">True for a regression.</param>
/// <param name="AbEvidence">Relative link to the ab evidence page, or null when no pooled ab runs of the pair are stored.</param>
public sealed record ChangePointLink(string Benchmark, string Commit, string Before, string Text, bool Slower, string? AbEvidence);
