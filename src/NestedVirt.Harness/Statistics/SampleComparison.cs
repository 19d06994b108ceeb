namespace NestedVirt.Harness.Statistics;

/// <summary>The verdict, the medians and the ratio with its interval of one two-sample comparison.</summary>
/// <param name="Verdict">Faster, slower, same, or insufficient data.</param>
/// <param name="BaselineMedianNs">Median of the baseline samples (NaN when there are none).</param>
/// <param name="CandidateMedianNs">Median of the candidate samples (NaN when there are none).</param>
/// <param name="Ratio">Hodges-Lehmann ratio candidate / baseline (NaN when undefined).</param>
/// <param name="BaselineCount">Number of baseline samples.</param>
/// <param name="CandidateCount">Number of candidate samples.</param>
public readonly record struct SampleComparison(
    ComparisonVerdict Verdict,
    double BaselineMedianNs,
    double CandidateMedianNs,
    double Ratio,
    int BaselineCount,
    int CandidateCount)
{
    /// <summary>The ratio's confidence interval.</summary>
    public RatioInterval Interval { get; init; } = RatioInterval.Unknown;

    /// <summary>True when flagged, or when the interval lies inside both limits (a sequential session may stop).</summary>
    public bool Decided { get; init; }

    /// <summary>Builds the comparison from the evidence and the family's verdict.</summary>
    /// <param name="evidence">The benchmark's evidence.</param>
    /// <param name="verdict">Its verdict.</param>
    /// <param name="decided">Whether it is decided.</param>
    public static SampleComparison From(ChangeEvidence evidence, ComparisonVerdict verdict, bool decided) =>
        new(verdict, evidence.BaselineMedianNs, evidence.CandidateMedianNs, evidence.Interval.Estimate, evidence.BaselineCount, evidence.CandidateCount)
        {
            Interval = evidence.Interval,
            Decided = decided,
        };
}
