namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Every candidate/baseline ratio x_i / y_j, sorted: the Walsh-style pairwise statistic behind
/// the Hodges-Lehmann ratio and its distribution-free interval. Built once per comparison;
/// n*m doubles (100 by 100 samples: 80 KB).
/// </summary>
/// <remarks>
/// Working with ratios is working with shifts of log-times: x_i / y_j &lt;= t exactly when
/// log x_i - log y_j &lt;= log t, so the rank arguments of the Hodges-Lehmann shift carry over
/// unchanged, and a multiplicative change (the usual model of a slowdown) is a shift.
/// </remarks>
public sealed class PairwiseRatios
{
    private readonly double[] sorted;

    /// <summary>Builds the sorted ratios.</summary>
    /// <param name="baseline">Baseline values, all &gt; 0.</param>
    /// <param name="candidate">Candidate values, all &gt; 0.</param>
    public PairwiseRatios(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count == 0 || candidate.Count == 0)
        {
            throw new ArgumentException("both samples need at least one value");
        }

        BaselineCount = baseline.Count;
        CandidateCount = candidate.Count;
        sorted = new double[baseline.Count * candidate.Count];
        int k = 0;
        foreach (double x in candidate)
        {
            foreach (double y in baseline)
            {
                if (!(x > 0 && y > 0 && double.IsFinite(x) && double.IsFinite(y)))
                {
                    throw new ArgumentException($"ratios need finite positive values, got {x} / {y}");
                }

                sorted[k++] = x / y;
            }
        }

        Array.Sort(sorted);
    }

    /// <summary>Baseline sample size (m).</summary>
    public int BaselineCount { get; }

    /// <summary>Candidate sample size (n).</summary>
    public int CandidateCount { get; }

    /// <summary>Number of ratios.</summary>
    public int Count => sorted.Length;

    /// <summary>The Hodges-Lehmann ratio: the median of the pairwise ratios (mean of the middle two for an even count).</summary>
    public double Median
    {
        get
        {
            int half = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
        }
    }

    /// <summary>The k-th smallest ratio, k from 1.</summary>
    /// <param name="k">Rank in [1, Count].</param>
    public double AtRank(int k) => sorted[k - 1];

    /// <summary>How many ratios are &lt;= <paramref name="ratio"/>.</summary>
    /// <param name="ratio">The limit.</param>
    public int CountAtMost(double ratio)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] <= ratio)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>How many ratios are &gt;= <paramref name="ratio"/>.</summary>
    /// <param name="ratio">The limit.</param>
    public int CountAtLeast(double ratio)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < ratio)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return sorted.Length - lo;
    }
}
