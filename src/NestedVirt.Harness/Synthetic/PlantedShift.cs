namespace NestedVirt.Harness.Synthetic;

/// <summary>A level shift the synthetic history plants, which <c>history</c> should find.</summary>
/// <param name="CommitIndex">The first commit of the new level (0-based).</param>
/// <param name="Commit">Its full hash.</param>
/// <param name="Suite">The suite whose cases shift.</param>
/// <param name="Parameter">Parameter name that selects the cases, e.g. <c>Vendor</c>.</param>
/// <param name="Value">The value it must have, e.g. <c>Vmx</c>.</param>
/// <param name="Ratio">New level / old level.</param>
/// <param name="Machines">Machine ids it shifts on.</param>
/// <param name="BenchmarkIds">The benchmark ids that shift.</param>
public sealed record PlantedShift(
    int CommitIndex, string Commit, string Suite, string Parameter, string Value, double Ratio,
    IReadOnlyList<string> Machines, IReadOnlyList<string> BenchmarkIds);
