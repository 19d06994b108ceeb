namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Remembers what <see cref="EdPelt"/> found in the windows of one series, so a history that
/// grew by a commit re-runs EdPelt only on the window that changed. An answer may be reused
/// only for exactly the same window: same values bit for bit, same minimum distance, same
/// detector (<see cref="SegmentedEdPelt.DetectorVersion"/>); implementations compare a content
/// hash of all of them, never a count or a time.
/// </summary>
public interface IEdPeltWindowCache
{
    /// <summary>EdPelt's indexes (relative to the window) stored for this exact window, if any.</summary>
    /// <param name="start">Index of the window's first point in the series.</param>
    /// <param name="window">The window's values.</param>
    /// <param name="minDistance">EdPelt's minimum segment length.</param>
    /// <param name="indexes">The stored indexes when found.</param>
    bool TryGet(int start, ReadOnlySpan<double> window, int minDistance, out int[] indexes);

    /// <summary>Stores what EdPelt found in this window.</summary>
    /// <param name="start">Index of the window's first point in the series.</param>
    /// <param name="window">The window's values.</param>
    /// <param name="minDistance">EdPelt's minimum segment length.</param>
    /// <param name="indexes">EdPelt's indexes, relative to the window.</param>
    void Add(int start, ReadOnlySpan<double> window, int minDistance, int[] indexes);
}
