namespace NestedVirt.Harness.Statistics;

/// <summary>
/// <see cref="EdPelt"/> over long series in overlapping windows. EdPelt prunes little when a
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

    /// <summary>
    /// Names the detector in cache keys (<see cref="IEdPeltWindowCache"/>): change it whenever
    /// <see cref="EdPelt"/> or the windows could find something else in the same values.
    /// </summary>
    public const string DetectorVersion = "ed-pelt 1, windows 320/80";

    /// <summary>EdPelt's change-point indexes (index = last point of the old level), ascending.</summary>
    /// <param name="values">The series.</param>
    /// <param name="minDistance">EdPelt's minimum segment length.</param>
    /// <param name="cache">Answers of earlier runs for unchanged windows, or null to run EdPelt on every window.</param>
    public static int[] Detect(double[] values, int minDistance, IEdPeltWindowCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length <= WindowLength)
        {
            return Window(values, 0, minDistance, cache);
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
            foreach (int index in Window(values.AsSpan(start..end), start, minDistance, cache))
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

    private static int[] Window(ReadOnlySpan<double> window, int start, int minDistance, IEdPeltWindowCache? cache)
    {
        // Copies both ways: callers refine the indexes in place.
        if (cache is not null && cache.TryGet(start, window, minDistance, out int[] known))
        {
            return [.. known];
        }

        int[] found = EdPelt.Detect(window, minDistance);
        cache?.Add(start, window, minDistance, [.. found]);
        return found;
    }
}
