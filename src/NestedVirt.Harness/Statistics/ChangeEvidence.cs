namespace NestedVirt.Harness.Statistics;

/// <summary>
/// What one benchmark's samples say before the family-wise decision: medians, the ratio with
/// its interval, the limits a change must pass and the one-sided p-values of passing them.
/// </summary>
/// <param name="BaselineMedianNs">Median of the baseline samples (NaN when there are none).</param>
/// <param name="CandidateMedianNs">Median of the candidate samples (NaN when there are none).</param>
/// <param name="BaselineCount">Baseline samples.</param>
/// <param name="CandidateCount">Candidate samples.</param>
/// <param name="Interval">Hodges-Lehmann ratio and its interval at <see cref="ComparisonOptions.IntervalConfidence"/>.</param>
/// <param name="SlowerLimit">Ratio a slowdown must exceed: 1 + max(minimum effect, noise floor / baseline median).</param>
/// <param name="FasterLimit">Ratio a speed-up must fall below: 1 - max(minimum effect, noise floor / baseline median).</param>
/// <param name="PSlower">One-sided p-value of "the ratio exceeds <see cref="SlowerLimit"/>".</param>
/// <param name="PFaster">One-sided p-value of "the ratio is below <see cref="FasterLimit"/>".</param>
/// <param name="Testable">False when the sample sizes cannot reach the level the family needs (too few).</param>
public readonly record struct ChangeEvidence(
    double BaselineMedianNs,
    double CandidateMedianNs,
    int BaselineCount,
    int CandidateCount,
    RatioInterval Interval,
    double SlowerLimit,
    double FasterLimit,
    double PSlower,
    double PFaster,
    bool Testable);
