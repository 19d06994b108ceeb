using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// ED-PELT's segment cost over one series: the empirical distribution function evaluated at
/// <c>k = ceil(4 ln n)</c> quantiles, spaced more densely in the tails (Haynes et al. 2017,
/// section 3.1 and 4.3), summed as the binomial log-likelihood of each quantile's count inside
/// the segment, scaled by <c>-2 ln(2n - 1) / k</c> (Lemma 3.1). Counts are doubled (2 below a
/// quantile, 1 equal to it) so they stay integers.
/// </summary>
internal readonly struct EdPeltCost
{
    private readonly int k;
    private readonly double scale;

    // prefix[t * k + q]: doubled count of values[0..t) at or below quantile q; one prefix's k
    // counts side by side, so a segment's cost reads two short runs of memory.
    private readonly int[] prefix;

    /// <summary>Counts every prefix of <paramref name="values"/> against the quantiles.</summary>
    /// <param name="values">The series, at least one value.</param>
    public EdPeltCost(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        Penalty = 3 * Math.Log(n); // the modified BIC penalty per change point
        k = Math.Min(n, (int)Math.Ceiling(4 * Math.Log(n)));
        scale = 2.0 * -Math.Log(2 * n - 1) / k;
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        var quantiles = new double[k];
        for (int q = 0; q < k; q++)
        {
            double z = -1 + ((2 * q) + 1.0) / k;
            double p = 1.0 / (1 + Math.Pow((2 * n) - 1, -z));
            quantiles[q] = sorted[(int)Math.Truncate((n - 1) * p)];
        }

        prefix = new int[(n + 1) * k];
        for (int t = 1; t <= n; t++)
        {
            double v = values[t - 1];
            int row = t * k;
            for (int q = 0; q < k; q++)
            {
                prefix[row + q] = prefix[row - k + q] + (v < quantiles[q] ? 2 : v == quantiles[q] ? 1 : 0);
            }
        }
    }

    /// <summary>What each change point costs.</summary>
    public double Penalty { get; }

    /// <summary>The cost of the segment <c>values[start..end)</c>.</summary>
    /// <param name="start">First index of the segment.</param>
    /// <param name="end">One past its last index.</param>
    public double Of(int start, int end)
    {
        int length = end - start;
        double sum = 0;
        for (int q = 0; q < k; q++)
        {
            sum += SegmentCostTable.Term(length, prefix[(end * k) + q] - prefix[(start * k) + q]);
        }

        return scale * sum;
    }

    /// <summary>
    /// The costs of the segments <c>values[starts[i]..end)</c>, equal to <see cref="Of(int, int)"/>
    /// bit for bit. Four segments at a time: each segment's sum still adds its terms in quantile
    /// order, but the four additions of a step do not wait for each other (one sum at a time waits
    /// on the latency of every addition, and this loop runs millions of times per history).
    /// </summary>
    /// <param name="starts">Segment starts, ascending, each below <paramref name="end"/>.</param>
    /// <param name="end">One past the segments' last index.</param>
    /// <param name="costs">Receives one cost per start.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Of(ReadOnlySpan<int> starts, int end, Span<double> costs)
    {
        if (starts.Length == 0 || end - starts[0] > SegmentCostTable.MaxTabledLength)
        {
            for (int i = 0; i < starts.Length; i++)
            {
                costs[i] = Of(starts[i], end);
            }

            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(costs.Length, starts.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, (prefix.Length / k) - 1);
        ref int counts = ref MemoryMarshal.GetArrayDataReference(prefix);
        ref int through = ref Unsafe.Add(ref counts, end * k);
        int i4 = 0;
        for (; i4 + 4 <= starts.Length; i4 += 4)
        {
            // Terms of a segment of m points are tabled for doubled counts 0..2m, and
            // through[q] - before[q] is such a count: values[start..end) has m points.
            ref double row0 = ref Row(end - starts[i4]);
            ref double row1 = ref Row(end - starts[i4 + 1]);
            ref double row2 = ref Row(end - starts[i4 + 2]);
            ref double row3 = ref Row(end - starts[i4 + 3]);
            ref int before0 = ref Unsafe.Add(ref counts, starts[i4] * k);
            ref int before1 = ref Unsafe.Add(ref counts, starts[i4 + 1] * k);
            ref int before2 = ref Unsafe.Add(ref counts, starts[i4 + 2] * k);
            ref int before3 = ref Unsafe.Add(ref counts, starts[i4 + 3] * k);
            double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
            for (int q = 0; q < k; q++)
            {
                int c = Unsafe.Add(ref through, q);
                sum0 += Unsafe.Add(ref row0, c - Unsafe.Add(ref before0, q));
                sum1 += Unsafe.Add(ref row1, c - Unsafe.Add(ref before1, q));
                sum2 += Unsafe.Add(ref row2, c - Unsafe.Add(ref before2, q));
                sum3 += Unsafe.Add(ref row3, c - Unsafe.Add(ref before3, q));
            }

            costs[i4] = scale * sum0;
            costs[i4 + 1] = scale * sum1;
            costs[i4 + 2] = scale * sum2;
            costs[i4 + 3] = scale * sum3;
        }

        for (; i4 < starts.Length; i4++)
        {
            ref double row = ref Row(end - starts[i4]);
            ref int before = ref Unsafe.Add(ref counts, starts[i4] * k);
            double sum = 0;
            for (int q = 0; q < k; q++)
            {
                sum += Unsafe.Add(ref row, Unsafe.Add(ref through, q) - Unsafe.Add(ref before, q));
            }

            costs[i4] = scale * sum;
        }
    }

    private static ref double Row(int length)
    {
        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "segment starts must lie before its end");
        }

        return ref MemoryMarshal.GetArrayDataReference(SegmentCostTable.Row(length)!);
    }
}
