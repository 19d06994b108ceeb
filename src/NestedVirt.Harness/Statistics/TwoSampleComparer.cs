using Perfolizer;
using Perfolizer.Horology;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;
using Pragmastat.Metrology;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Decides faster / slower / same between two sets of per-iteration timings with Perfolizer's
/// Mann-Whitney equivalence test, ResultsComparer's two-threshold rule and a minimum sample size.
/// </summary>
/// <remarks>
/// The rule (dotnet/performance ResultsComparer, re-implemented on the Perfolizer 0.6.1 API;
/// model 05 §2.1): run <c>SimpleEquivalenceTest(MannWhitneyTest.Instance)</c> twice, once at the
/// relative threshold and once at the absolute noise floor, and flag a change only when both
/// runs return the same direction. Either run saying "indistinguishable" makes it "same".
/// Perfolizer's <c>Unknown</c> becomes <see cref="ComparisonVerdict.InsufficientData"/>, never
/// "same". Medians are <see cref="SampleMedian"/> (<c>SimpleQuantileEstimator</c>, Hyndman-Fan
/// type 7), so the ratio equals <c>new RatioFunction(SimpleQuantileEstimator.Instance)</c> at
/// the median and matches the medians printed next to it.
/// </remarks>
public static class TwoSampleComparer
{
    private static readonly SimpleEquivalenceTest Test = new(MannWhitneyTest.Instance);

    /// <summary>Compares <paramref name="candidate"/> against <paramref name="baseline"/>.</summary>
    /// <param name="baseline">Baseline per-iteration nanoseconds per operation.</param>
    /// <param name="candidate">Candidate (head) per-iteration nanoseconds per operation.</param>
    /// <param name="options">Thresholds and alpha.</param>
    public static SampleComparison Compare(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        double baseMedian = SampleMedian.Of(baseline);
        double headMedian = SampleMedian.Of(candidate);
        double ratio = baseMedian > 0 && !double.IsNaN(headMedian) ? headMedian / baseMedian : double.NaN;
        int minimum = options.MinimumSamplesPerSide;
        if (baseline.Count < minimum || candidate.Count < minimum)
        {
            return new SampleComparison(ComparisonVerdict.InsufficientData, baseMedian, headMedian, ratio, baseline.Count, candidate.Count);
        }

        // Units matter: an absolute threshold on a unit-less sample throws (model 05 §2.1).
        var x = new Sample(candidate, TimeUnit.Nanosecond);
        var y = new Sample(baseline, TimeUnit.Nanosecond);
        var alpha = new SignificanceLevel(options.Alpha);
        ComparisonResult relative = Test.Perform(x, y, new Threshold(PercentValue.Of(options.ThresholdPercent).ToMeasurement()), alpha);
        ComparisonResult absolute = Test.Perform(x, y, new Threshold(TimeInterval.FromNanoseconds(options.NoiseFloorNs).ToMeasurement()), alpha);
        return new SampleComparison(Decide(relative, absolute), baseMedian, headMedian, ratio, baseline.Count, candidate.Count);
    }

    private static ComparisonVerdict Decide(ComparisonResult relative, ComparisonResult absolute)
    {
        if (relative == ComparisonResult.Unknown || absolute == ComparisonResult.Unknown)
        {
            return ComparisonVerdict.InsufficientData;
        }

        // Perform(candidate, baseline, ...): Greater means the candidate takes longer.
        if (relative == ComparisonResult.Greater && absolute == ComparisonResult.Greater)
        {
            return ComparisonVerdict.Slower;
        }

        if (relative == ComparisonResult.Lesser && absolute == ComparisonResult.Lesser)
        {
            return ComparisonVerdict.Faster;
        }

        return ComparisonVerdict.Same;
    }
}
