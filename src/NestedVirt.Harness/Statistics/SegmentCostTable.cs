namespace NestedVirt.Harness.Statistics;

/// <summary>
/// ED-PELT's per-quantile cost term <c>m (F ln F + (1 - F) ln(1 - F))</c> for a segment of
/// <c>m</c> points of which a doubled count <c>c</c> lies below the quantile (<c>F = c / 2m</c>),
/// and 0 where <c>F</c> is 0 or 1 (the term's limit). It depends on nothing else, so segments up
/// to <see cref="MaxTabledLength"/> points take it from a table shared by every series and
/// thread, each row built once on first use.
/// </summary>
internal static class SegmentCostTable
{
    /// <summary>Longest segment whose terms are tabled (a row holds <c>2m + 1</c> doubles).</summary>
    public const int MaxTabledLength = 1024;

    private static readonly double[]?[] Rows = new double[]?[MaxTabledLength + 1];

    /// <summary>The terms of every count for segments of <paramref name="length"/> points, or null past <see cref="MaxTabledLength"/>.</summary>
    /// <param name="length">Segment length, at least 1.</param>
    public static double[]? Row(int length)
    {
        if (length > MaxTabledLength)
        {
            return null;
        }

        return Volatile.Read(ref Rows[length]) ?? Build(length);
    }

    /// <summary>The term for one doubled count (computed, never tabled).</summary>
    /// <param name="length">Segment length, at least 1.</param>
    /// <param name="doubledCount">Doubled count below the quantile, 0 to <c>2 * length</c>.</param>
    public static double Term(int length, int doubledCount)
    {
        if (doubledCount == 0 || doubledCount == 2 * length)
        {
            return 0;
        }

        double fit = doubledCount * 0.5 / length;
        return length * ((fit * Math.Log(fit)) + ((1 - fit) * Math.Log(1 - fit)));
    }

    // Threads racing here compute identical rows; whichever lands first is kept.
    private static double[] Build(int length)
    {
        var row = new double[(2 * length) + 1];
        for (int c = 0; c < row.Length; c++)
        {
            row[c] = Term(length, c);
        }

        return Interlocked.CompareExchange(ref Rows[length], row, null) ?? row;
    }
}
