using Perfolizer.Mathematics.Cpd;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// EdPelt over long series in overlapping windows. Perfolizer's EdPelt prunes little when a
/// series has few shifts, so its cost grows with the square of the length: 2,500 commits took
/// about 0.9 s per benchmark on the development VM, 20 s for a suite-wide history. Windows of
/// <see cref="WindowLength"/> points overlapping by <see cref="Overlap"/> keep the cost linear;
/// each window keeps only the shifts in its core (at least <c>Overlap / 2</c> points from both of
/// its edges, except at the ends of the series), and the cores tile the series, so every shift is
/// judged by exactly one window with at least 40 points of context on each side. Series up to
/// one window long go to EdPelt unchanged.
/// </summary>
public static class SegmentedEdPelt
{
    /// <summary>Points per window.</summary>
    public const int WindowLength = 320;

    /// <summary>Points shared by neighbouring windows.</summary>
    public const int Overlap = 80;

    /// <summary>EdPelt's change-point indexes (index = last point of the old level), ascending.</summary>
    /// <param name="values">The series.</param>
    /// <param name="minDistance">EdPelt's minimum segment length.</param>
    public static int[] Detect(double[] values, int minDistance)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length <= WindowLength)
        {
            return EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, minDistance);
        }

        var found = new List<int>();
        int step = WindowLength - Overlap;
        for (int start = 0; ; start += step)
        {
            int end = Math.Min(start + WindowLength, values.Length);
            bool first = start == 0;
            bool last = end == values.Length;
            int coreStart = first ? 0 : start + (Overlap / 2);
            int coreEnd = last ? values.Length : end - (Overlap / 2);
            foreach (int index in EdPeltChangePointDetector.Instance.GetChangePointIndexes(values[start..end], minDistance))
            {
                int at = start + index;
                if (at >= coreStart && at < coreEnd)
                {
                    found.Add(at);
                }
            }

            if (last)
            {
                break;
            }
        }

        return [.. found];
    }
}
