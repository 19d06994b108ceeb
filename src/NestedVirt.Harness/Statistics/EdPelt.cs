using System.Runtime.CompilerServices;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// ED-PELT change-point detection: the nonparametric segment cost of Haynes, Fearnhead and
/// Eckley (2017, "A computationally efficient nonparametric approach for changepoint
/// detection", Statistics and Computing 27: 1293) minimised by PELT with pruning (Killick,
/// Fearnhead and Eckley 2012). It returns the indexes Perfolizer 0.6.1's
/// <c>EdPeltChangePointDetector</c> returns, bit for bit (same quantiles, same penalty
/// <c>3 ln n</c>, same <c>k = ceil(4 ln n)</c>, same floating-point operations in the same
/// order; <c>EdPeltTests</c> checks it on seeded series), about ten times faster (a window of
/// 320 noisy points without a shift: 9 ms with Perfolizer, 0.9 ms here, measured on the
/// development VM under load): the cost term of one quantile depends only on the segment length and the
/// count below the quantile, so its two logarithms are looked up in
/// <see cref="SegmentCostTable"/> instead of being computed for every candidate segment, the
/// per-quantile counts of one prefix lie side by side in memory, and four candidate segments
/// are summed at once. <c>AggressiveOptimization</c>: a history runs this loop once per
/// process, too briefly for tiered compilation to reach optimised code in time.
/// </summary>
public static class EdPelt
{
    /// <summary>Change-point indexes (index = last point of the old level), ascending.</summary>
    /// <param name="values">The series.</param>
    /// <param name="minDistance">Fewest points per segment, at least 1.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Detect(ReadOnlySpan<double> values, int minDistance)
    {
        int n = values.Length;
        if (n <= 2 || 2 * minDistance > n)
        {
            return [];
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minDistance, 1);
        var cost = new EdPeltCost(values);
        double penalty = cost.Penalty;

        // best[t]: least penalised cost of values[0..t); from[t]: where its last segment starts.
        var best = new double[n + 1];
        var from = new int[n + 1];
        best[0] = -penalty;
        for (int t = minDistance; t < 2 * minDistance; t++)
        {
            best[t] = cost.Of(0, t);
        }

        // PELT keeps only the segment starts that can still begin an optimal last segment.
        var starts = new int[n + 1];
        var costs = new double[n + 1];
        starts[0] = 0;
        starts[1] = minDistance;
        int count = 2;
        for (int t = 2 * minDistance; t <= n; t++)
        {
            int bestIndex = 0;
            cost.Of(starts.AsSpan(0, count), t, costs);
            for (int i = 0; i < count; i++)
            {
                costs[i] = best[starts[i]] + costs[i] + penalty;
                if (costs[i] < costs[bestIndex])
                {
                    bestIndex = i;
                }
            }

            best[t] = costs[bestIndex];
            from[t] = starts[bestIndex];
            double bound = best[t] + penalty;
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                if (costs[i] < bound)
                {
                    starts[kept++] = starts[i];
                }
            }

            starts[kept] = t - minDistance + 1;
            count = kept + 1;
        }

        int found = 0;
        for (int at = from[n]; at != 0; at = from[at])
        {
            found++;
        }

        var indexes = new int[found];
        for (int at = from[n]; at != 0; at = from[at])
        {
            indexes[--found] = at - 1;
        }

        return indexes;
    }
}
