namespace NestedVirt.Harness.Statistics;

/// <summary>
/// A ratio (candidate / baseline) with a confidence interval: 1.05 means the candidate takes
/// 5% longer. <see cref="Lower"/> is 0 and <see cref="Upper"/> is infinity when the samples are
/// too small for a bound at <see cref="Confidence"/>.
/// </summary>
/// <param name="Estimate">The Hodges-Lehmann ratio: the median of every candidate/baseline pair.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Confidence">Two-sided confidence of [Lower, Upper], e.g. 0.95.</param>
public readonly record struct RatioInterval(double Estimate, double Lower, double Upper, double Confidence)
{
    /// <summary>An interval that says nothing (no samples).</summary>
    public static RatioInterval Unknown { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>True when both bounds are finite and positive.</summary>
    public bool IsBounded => Lower > 0 && double.IsFinite(Upper);

    /// <summary>True when the whole interval lies inside (<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">Exclusive lower limit.</param>
    /// <param name="high">Exclusive upper limit.</param>
    public bool Within(double low, double high) => Lower > low && Upper < high;
}
