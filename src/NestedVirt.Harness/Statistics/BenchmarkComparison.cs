namespace NestedVirt.Harness.Statistics;

/// <summary>The timing verdict of one benchmark present in both base and head.</summary>
/// <param name="Key">The benchmark.</param>
/// <param name="Verdict">Faster, slower, same or insufficient data.</param>
/// <param name="BaseMedianNs">Median ns/op in base.</param>
/// <param name="HeadMedianNs">Median ns/op in head.</param>
/// <param name="Ratio">Hodges-Lehmann ratio head / base (head median / base median when there are no samples; NaN when undefined).</param>
/// <param name="BaseSamples">Number of base samples.</param>
/// <param name="HeadSamples">Number of head samples.</param>
public sealed record BenchmarkComparison(
    BenchmarkKey Key,
    ComparisonVerdict Verdict,
    double BaseMedianNs,
    double HeadMedianNs,
    double Ratio,
    int BaseSamples,
    int HeadSamples)
{
    /// <summary>The ratio's confidence interval (unknown when a side has no samples).</summary>
    public RatioInterval Interval { get; init; } = RatioInterval.Unknown;

    /// <summary>True when flagged, or when the interval lies inside both limits.</summary>
    public bool Decided { get; init; }
}
