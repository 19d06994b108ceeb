namespace NestedVirt.Harness.Statistics;

/// <summary>
/// The verdict: separate "is there a shift" (a confidence interval for the ratio) from "is it
/// big enough to report" (the interval must lie wholly past the minimum effect and the absolute
/// noise floor), and control the chance of any false verdict over all benchmarks compared at
/// once with Holm's correction.
/// </summary>
/// <remarks>
/// Each benchmark contributes two one-sided hypotheses, "slower than its limit" and "faster
/// than its limit"; Holm runs over all of them at <see cref="ComparisonOptions.AlphaPerLook"/>.
/// At most one direction per benchmark can be rejected, so a rejected one has a raw p-value of
/// at most alpha / 2, and its printed (1 - alpha) interval therefore lies wholly past the limit.
/// A benchmark is "decided" when it is flagged or when its interval lies wholly inside the two
/// limits (a change, if any, is smaller than what we report); sequential sessions stop once
/// every benchmark is decided. Replaces the Mann-Whitney equivalence test at a 5% threshold,
/// which caught a true 5% shift only about half the time by construction (issue 10).
/// </remarks>
public static class VerdictRule
{
    /// <summary>The evidence of one benchmark.</summary>
    /// <param name="baseline">Baseline samples (ns/op, &gt; 0).</param>
    /// <param name="candidate">Candidate samples.</param>
    /// <param name="options">Minimum effect, floor, alpha and looks.</param>
    /// <param name="familySize">Benchmarks compared together (at least 1): a benchmark whose best possible p-value cannot pass Holm's first step is "too few".</param>
    public static ChangeEvidence Evidence(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, ComparisonOptions options, int familySize)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(familySize, 1);
        double baseMedian = SampleMedian.Of(baseline);
        double headMedian = SampleMedian.Of(candidate);
        if (baseline.Count == 0 || candidate.Count == 0)
        {
            return new ChangeEvidence(baseMedian, headMedian, baseline.Count, candidate.Count, RatioInterval.Unknown, double.NaN, double.NaN, 1, 1, Testable: false);
        }

        var ratios = new PairwiseRatios(baseline, candidate);
        double alpha = options.AlphaPerLook;
        RatioInterval interval = HodgesLehmannRatio.Interval(ratios, alpha / 2);
        double margin = Math.Max(options.MinEffectPercent / 100, options.NoiseFloorNs / baseMedian);
        double slower = 1 + margin;
        double faster = 1 - margin;
        double pSlower = HodgesLehmannRatio.PValueAbove(ratios, slower);
        double pFaster = faster > 0 ? HodgesLehmannRatio.PValueBelow(ratios, faster) : 1;
        // After the other benchmarks have taken at most one rejection each, Holm tests the
        // last at alpha / (familySize + 1) at best: a sample that cannot reach it is "too few".
        bool testable = HodgesLehmannRatio.SmallestPValue(candidate.Count, baseline.Count) <= alpha / (familySize + 1.0);
        return new ChangeEvidence(baseMedian, headMedian, baseline.Count, candidate.Count, interval, slower, faster, pSlower, pFaster, testable);
    }

    /// <summary>The verdicts of a family of benchmarks compared together, in input order.</summary>
    /// <param name="family">Evidence of every benchmark.</param>
    /// <param name="options">Alpha and looks.</param>
    public static (ComparisonVerdict Verdict, bool Decided)[] Decide(IReadOnlyList<ChangeEvidence> family, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        var pValues = new List<double>(2 * family.Count);
        foreach (ChangeEvidence e in family)
        {
            if (e.Testable)
            {
                pValues.Add(e.PSlower);
                pValues.Add(e.PFaster);
            }
        }

        double[] adjusted = HolmCorrection.Adjust(pValues);
        var result = new (ComparisonVerdict, bool)[family.Count];
        int next = 0;
        for (int i = 0; i < family.Count; i++)
        {
            ChangeEvidence e = family[i];
            if (!e.Testable)
            {
                result[i] = (ComparisonVerdict.InsufficientData, false);
                continue;
            }

            double slower = adjusted[next++];
            double faster = adjusted[next++];
            ComparisonVerdict verdict = slower <= options.AlphaPerLook ? ComparisonVerdict.Slower
                : faster <= options.AlphaPerLook ? ComparisonVerdict.Faster
                : ComparisonVerdict.Same;
            bool decided = verdict != ComparisonVerdict.Same || e.Interval.Within(e.FasterLimit, e.SlowerLimit);
            result[i] = (verdict, decided);
        }

        return result;
    }
}
