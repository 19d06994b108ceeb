namespace NestedVirt.Harness.Statistics;

/// <summary>Outcome of comparing one benchmark's head samples against its base samples.</summary>
public enum ComparisonVerdict
{
    /// <summary>Head is faster past both the relative threshold and the absolute noise floor.</summary>
    Faster,

    /// <summary>Head is slower past both the relative threshold and the absolute noise floor (a regression).</summary>
    Slower,

    /// <summary>No difference that passes both thresholds at the chosen significance level.</summary>
    Same,

    /// <summary>
    /// A side has fewer samples than the test needs to ever reject at the chosen alpha, so
    /// "same" would be a guess (see <see cref="SampleSizeRule"/>).
    /// </summary>
    InsufficientData,
}
