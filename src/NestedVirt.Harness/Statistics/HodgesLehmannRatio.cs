namespace NestedVirt.Harness.Statistics;

/// <summary>
/// The Hodges-Lehmann ratio of a candidate to a baseline with its distribution-free (Moses)
/// confidence interval, and the one-sided p-values of "the ratio exceeds t" and "the ratio is
/// below t" that the verdict and Holm's procedure use.
/// </summary>
/// <remarks>
/// Model: log-times of the candidate are those of the baseline shifted by log(ratio); samples
/// are independent. Then the count of pairwise ratios at or below the true ratio follows the
/// Mann-Whitney U distribution (<see cref="MannWhitneyDistribution"/>), which gives exact bounds
/// with no assumption on the shape of the timing distribution (Hollander and Wolfe,
/// "Nonparametric Statistical Methods", the two-sample location problem). The estimate equals
/// Pragmastat's <c>Ratio</c> estimator (median of x_i / y_j), which Perfolizer 0.6.1 ships.
/// </remarks>
public static class HodgesLehmannRatio
{
    /// <summary>The ratio and its two-sided interval at confidence 1 - 2 * <paramref name="oneSidedAlpha"/>.</summary>
    /// <param name="ratios">The sorted pairwise ratios.</param>
    /// <param name="oneSidedAlpha">Level of each bound, in (0, 0.5).</param>
    public static RatioInterval Interval(PairwiseRatios ratios, double oneSidedAlpha)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        int k = MannWhitneyDistribution.LowerBoundRank(ratios.CandidateCount, ratios.BaselineCount, oneSidedAlpha);
        double lower = k == 0 ? 0 : ratios.AtRank(k);
        double upper = k == 0 ? double.PositiveInfinity : ratios.AtRank(ratios.Count + 1 - k);
        return new RatioInterval(ratios.Median, lower, upper, 1 - (2 * oneSidedAlpha));
    }

    /// <summary>
    /// One-sided p-value of "the true ratio is above <paramref name="ratio"/>" against the null
    /// "it is at most <paramref name="ratio"/>": P(U &lt;= number of pairwise ratios &lt;= ratio).
    /// Small when nearly every pair exceeds <paramref name="ratio"/>. Ties count against
    /// rejection.
    /// </summary>
    /// <param name="ratios">The sorted pairwise ratios.</param>
    /// <param name="ratio">The ratio to exceed, e.g. 1.01 for "more than 1% slower".</param>
    public static double PValueAbove(PairwiseRatios ratios, double ratio)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        return MannWhitneyDistribution.ProbabilityAtMost(ratios.CandidateCount, ratios.BaselineCount, ratios.CountAtMost(ratio));
    }

    /// <summary>
    /// One-sided p-value of "the true ratio is below <paramref name="ratio"/>": P(U &lt;= number
    /// of pairwise ratios &gt;= ratio).
    /// </summary>
    /// <param name="ratios">The sorted pairwise ratios.</param>
    /// <param name="ratio">The ratio to fall below, e.g. 0.99 for "more than 1% faster".</param>
    public static double PValueBelow(PairwiseRatios ratios, double ratio)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        return MannWhitneyDistribution.ProbabilityAtMost(ratios.CandidateCount, ratios.BaselineCount, ratios.CountAtLeast(ratio));
    }

    /// <summary>The smallest p-value any outcome can reach with these sample sizes: 1 / C(n + m, n).</summary>
    /// <param name="n">First sample size.</param>
    /// <param name="m">Second sample size.</param>
    public static double SmallestPValue(int n, int m) => MannWhitneyDistribution.ProbabilityAtMost(n, m, 0);
}
