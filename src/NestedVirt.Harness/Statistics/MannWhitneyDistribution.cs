using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// The null distribution of the Mann-Whitney U statistic for sample sizes n and m, and the
/// ranks that turn it into distribution-free confidence bounds for a shift.
/// </summary>
/// <remarks>
/// The probabilities come from Perfolizer 0.6.1: the exact Loeffler CDF when n + m is at most
/// <c>BinomialCoefficientHelper.MaxAcceptableN</c> (65), the Edgeworth approximation above it,
/// which is the same switch <c>MannWhitneyTest</c>'s <c>Auto</c> strategy makes. Perfolizer's
/// <c>Cdf(n, m, u)</c> is P(U &lt; u) (checked: <c>Cdf(3, 3, 1)</c> = 1/20 = P(U = 0)), so
/// P(U &lt;= u) is <c>Cdf(n, m, u + 1)</c>.
/// </remarks>
public static class MannWhitneyDistribution
{
    /// <summary>P(U &lt;= <paramref name="u"/>) under the null hypothesis of no shift.</summary>
    /// <param name="n">First sample size, at least 1.</param>
    /// <param name="m">Second sample size, at least 1.</param>
    /// <param name="u">The count; below 0 gives 0, n*m or more gives 1.</param>
    public static double ProbabilityAtMost(int n, int m, long u)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        if (u < 0)
        {
            return 0;
        }

        if (u >= (long)n * m)
        {
            return 1;
        }

        IMannWhitneyCdf cdf = n + m <= BinomialCoefficientHelper.MaxAcceptableN
            ? MannWhitneyLoefflerExactCdf.Instance
            : MannWhitneyEdgeworthApproxCdf.Instance;
        return Math.Clamp(cdf.Cdf(n, m, (int)(u + 1)), 0, 1);
    }

    /// <summary>
    /// The rank k (1-based, among the n*m sorted pairwise differences) of the lower confidence
    /// bound at one-sided level <paramref name="alpha"/>: the largest k with
    /// P(U &lt;= k - 1) &lt;= alpha. The k-th smallest difference then exceeds the true shift
    /// with probability at most alpha (Hollander and Wolfe, the Moses interval for the
    /// Hodges-Lehmann shift). 0 when no difference qualifies (the samples are too small).
    /// </summary>
    /// <param name="n">First sample size.</param>
    /// <param name="m">Second sample size.</param>
    /// <param name="alpha">One-sided level in (0, 0.5).</param>
    public static int LowerBoundRank(int n, int m, double alpha)
    {
        if (!(alpha > 0 && alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 0.5)");
        }

        // P(U <= k - 1) grows with k; search the largest k in [0, n*m/2] that stays <= alpha.
        int lo = 0;
        int hi = n * m / 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (ProbabilityAtMost(n, m, mid - 1) <= alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
