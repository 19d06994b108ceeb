using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.History;

/// <summary>One benchmark's series over commits and the shifts found in it.</summary>
/// <param name="Key">The benchmark.</param>
/// <param name="Points">One point per commit where it ran, oldest first, runs of a commit pooled.</param>
/// <param name="ChangePoints">Candidate shifts; <see cref="ChangePoint.Confirmed"/> tells the significant ones.</param>
public sealed record BenchmarkHistory(BenchmarkKey Key, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<ChangePoint> ChangePoints);
