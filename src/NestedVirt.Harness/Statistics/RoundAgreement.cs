namespace NestedVirt.Harness.Statistics;

/// <summary>
/// The rounds of an interleaved comparison (<c>ab</c>, <c>canary</c>) must agree before a shift
/// is reported. The interval of <see cref="VerdictRule"/> treats every iteration as independent,
/// but iterations of one benchmark process share that process's luck: a burst of load from
/// another job slows every iteration of the one run it overlaps. Measured on this 2-vCPU VM
/// (docs/verdicts.md): in <c>ab C C</c> over the headline cases with three rounds, one of two
/// repeats flagged three cases "slower", with intervals as wide as 1.09-1.87. A real change
/// moves every round. So a "slower" (or "faster") verdict stands only
/// when the ratio of the side medians points the same way in every round; otherwise it becomes
/// an undecided "same" (shown as "unsure"), and a sequential comparison goes on to its next
/// round. Every round, not a majority: with no change, the rounds of one benchmark all point
/// the same way by chance with probability 2 / 2^rounds (1/4 at three rounds, 1/16 at five),
/// and allowing one dissent at five rounds would raise that to 12/32.
/// </summary>
public static class RoundAgreement
{
    /// <summary>True when the verdict is not a shift, or every round agrees with it.</summary>
    /// <param name="verdict">The pooled verdict.</param>
    /// <param name="roundRatios">Per round, the candidate's median over the baseline's (NaN when a side has no sample that round).</param>
    public static bool Holds(ComparisonVerdict verdict, IReadOnlyList<double> roundRatios)
    {
        ArgumentNullException.ThrowIfNull(roundRatios);
        if (verdict is not (ComparisonVerdict.Slower or ComparisonVerdict.Faster))
        {
            return true;
        }

        int agreeing = 0;
        foreach (double ratio in roundRatios)
        {
            if (verdict == ComparisonVerdict.Slower ? ratio > 1 : ratio < 1)
            {
                agreeing++;
            }
        }

        return agreeing == roundRatios.Count;
    }

    /// <summary>The candidate's median over the baseline's in one round; NaN when either side is empty.</summary>
    public static double RoundRatio(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count == 0 || candidate.Count == 0)
        {
            return double.NaN;
        }

        double baseMedian = SampleMedian.Of(baseline);
        return baseMedian > 0 ? SampleMedian.Of(candidate) / baseMedian : double.NaN;
    }

    /// <summary><paramref name="comparison"/>, its shift withdrawn (undecided "same") when the rounds disagree.</summary>
    public static BenchmarkComparison Apply(BenchmarkComparison comparison, IReadOnlyList<double> roundRatios)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Holds(comparison.Verdict, roundRatios)
            ? comparison
            : comparison with { Verdict = ComparisonVerdict.Same, Decided = false };
    }

    /// <summary><paramref name="comparison"/>, its shift withdrawn (undecided "same") when the rounds disagree.</summary>
    public static SampleComparison Apply(SampleComparison comparison, IReadOnlyList<double> roundRatios) =>
        Holds(comparison.Verdict, roundRatios)
            ? comparison
            : comparison with { Verdict = ComparisonVerdict.Same, Decided = false };
}
