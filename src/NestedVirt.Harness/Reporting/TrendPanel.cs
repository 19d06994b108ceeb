using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>One benchmark's panel in a suite's trend chart.</summary>
/// <param name="Label">Benchmark label shown above the panel.</param>
/// <param name="Points">Points in commit order.</param>
/// <param name="ChangePoints">Detected shifts (index = last point of the old level); confirmed ones are drawn solid.</param>
public sealed record TrendPanel(string Label, IReadOnlyList<TrendPoint> Points, IReadOnlyList<ChangePoint> ChangePoints);
