namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Decides faster / slower / same between two sets of per-iteration timings when they are
/// compared on their own (a family of one): <see cref="VerdictRule"/> with the Hodges-Lehmann
/// ratio and its interval. Comparisons of many benchmarks at once go through
/// <see cref="BenchmarkComparer"/>, which applies Holm over all of them.
/// </summary>
/// <remarks>
/// Medians are <see cref="SampleMedian"/> (<c>SimpleQuantileEstimator</c>, Hyndman-Fan type 7),
/// printed next to the ratio; the ratio itself is the Hodges-Lehmann ratio (median of every
/// head/base pair), the centre of its interval, which is close to but not always equal to the
/// ratio of the medians.
/// </remarks>
public static class TwoSampleComparer
{
    /// <summary>Compares <paramref name="candidate"/> against <paramref name="baseline"/>.</summary>
    /// <param name="baseline">Baseline per-iteration nanoseconds per operation.</param>
    /// <param name="candidate">Candidate (head) per-iteration nanoseconds per operation.</param>
    /// <param name="options">Minimum effect, floor, alpha and looks.</param>
    public static SampleComparison Compare(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ChangeEvidence evidence = VerdictRule.Evidence(baseline, candidate, options, familySize: 1);
        (ComparisonVerdict verdict, bool decided) = VerdictRule.Decide([evidence], options)[0];
        return SampleComparison.From(evidence, verdict, decided);
    }
}
