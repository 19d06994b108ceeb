using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Canary;

/// <summary>One canary comparison: a baseline side at 0% and a candidate side at 0% (A/A) or at the slowdown (A/B).</summary>
/// <param name="Index">1-based pair number, in run order.</param>
/// <param name="CandidateSlowdown">The candidate's injected slowdown in percent (0 for A/A).</param>
/// <param name="Comparison">The harness's verdict, medians, ratio and interval.</param>
/// <param name="Rounds">Rounds the sequential session ran before it stopped.</param>
public sealed record CanaryPair(int Index, int CandidateSlowdown, SampleComparison Comparison, int Rounds = 1)
{
    /// <summary>True for an A/A pair.</summary>
    public bool IsAa => CandidateSlowdown == 0;

    /// <summary>"A/A" or "A/A+5%".</summary>
    public string Kind => IsAa ? "A/A" : $"A/A+{CandidateSlowdown}%";

    /// <summary>An A/A pair with any verdict but "same" is a false alarm.</summary>
    public bool FalseAlarm => IsAa && Comparison.Verdict is ComparisonVerdict.Slower or ComparisonVerdict.Faster;

    /// <summary>An A/B pair flagged slower is a detection.</summary>
    public bool Detected => !IsAa && Comparison.Verdict == ComparisonVerdict.Slower;
}
