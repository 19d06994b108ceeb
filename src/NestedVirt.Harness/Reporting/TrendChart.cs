namespace NestedVirt.Harness.Reporting;

/// <summary>A suite's trend chart: one panel per benchmark, stacked vertically.</summary>
/// <param name="Title">Chart title (suite and machine).</param>
/// <param name="Unit">Unit of the y axis, e.g. <c>ns/op</c>.</param>
/// <param name="Panels">Panels, top to bottom.</param>
public sealed record TrendChart(string Title, string Unit, IReadOnlyList<TrendPanel> Panels);
