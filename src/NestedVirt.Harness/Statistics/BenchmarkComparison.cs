namespace NestedVirt.Harness.Statistics;

/// <summary>The timing verdict of one benchmark present in both base and head.</summary>
/// <param name="Key">The benchmark.</param>
/// <param name="Verdict">Faster, slower, same or insufficient data.</param>
/// <param name="BaseMedianNs">Median ns/op in base.</param>
/// <param name="HeadMedianNs">Median ns/op in head.</param>
/// <param name="Ratio">Head median / base median (NaN when undefined).</param>
/// <param name="BaseSamples">Number of base samples.</param>
/// <param name="HeadSamples">Number of head samples.</param>
public sealed record BenchmarkComparison(
    BenchmarkKey Key,
    ComparisonVerdict Verdict,
    double BaseMedianNs,
    double HeadMedianNs,
    double Ratio,
    int BaseSamples,
    int HeadSamples);
