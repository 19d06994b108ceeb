namespace NestedVirt.Harness.Statistics;

/// <summary>A level shift found in a per-commit series.</summary>
/// <param name="Index">
/// EdPelt's index: the <b>last point of the old level</b>; the shift starts at <c>Index + 1</c>.
/// </param>
/// <param name="Commit">The first commit of the new level (the commit to blame).</param>
/// <param name="Verdict">The confirming test on the pooled raw samples around the shift.</param>
/// <param name="BeforeMedianNs">Median of the pooled samples before the shift.</param>
/// <param name="AfterMedianNs">Median of the pooled samples after the shift.</param>
/// <param name="Ratio">After / before.</param>
public sealed record ChangePoint(
    int Index,
    string Commit,
    ComparisonVerdict Verdict,
    double BeforeMedianNs,
    double AfterMedianNs,
    double Ratio)
{
    /// <summary>True when the confirming test found the shift significant (slower or faster).</summary>
    public bool Confirmed => Verdict is ComparisonVerdict.Slower or ComparisonVerdict.Faster;
}
