namespace NestedVirt.Harness.Statistics;

/// <summary>The verdict and the medians of one two-sample comparison.</summary>
/// <param name="Verdict">Faster, slower, same, or insufficient data.</param>
/// <param name="BaselineMedianNs">Median of the baseline samples (NaN when there are none).</param>
/// <param name="CandidateMedianNs">Median of the candidate samples (NaN when there are none).</param>
/// <param name="Ratio">Candidate median / baseline median (NaN when undefined).</param>
/// <param name="BaselineCount">Number of baseline samples.</param>
/// <param name="CandidateCount">Number of candidate samples.</param>
public readonly record struct SampleComparison(
    ComparisonVerdict Verdict,
    double BaselineMedianNs,
    double CandidateMedianNs,
    double Ratio,
    int BaselineCount,
    int CandidateCount);
