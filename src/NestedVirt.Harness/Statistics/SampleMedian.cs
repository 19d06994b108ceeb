using NestedVirt.Harness.Results;
using Perfolizer.Horology;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;
using Pragmastat.Metrology;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// The one median of the harness: the classic sample median (Hyndman-Fan type 7, Perfolizer's
/// <c>SimpleQuantileEstimator</c>; the mean of the middle two for an even count), used by
/// results files, verdicts, reports, history, A/B pooling, the canary and calibration alike.
/// </summary>
public static class SampleMedian
{
    /// <summary>The median of <paramref name="values"/>; NaN for none.</summary>
    /// <param name="values">The values, in any order.</param>
    public static double Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0
            ? double.NaN
            : SimpleQuantileEstimator.Instance.Quantile(new Sample(values, TimeUnit.Nanosecond), Probability.Median);
    }

    /// <summary>Any quantile by the same estimator (quartiles for a spread that matches the median).</summary>
    /// <param name="values">The values, in any order.</param>
    /// <param name="probability">0 to 1; 0.5 is the median.</param>
    /// <returns>The quantile; NaN for none.</returns>
    public static double Quantile(IReadOnlyList<double> values, double probability)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0
            ? double.NaN
            : SimpleQuantileEstimator.Instance.Quantile(new Sample(values, TimeUnit.Nanosecond), new Probability(probability));
    }

    /// <summary>The median ns/op of a stored result: of its samples, or its stored median when it has none.</summary>
    /// <param name="result">The result.</param>
    public static double Of(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.SamplesNs.Length > 0 ? Of(result.SamplesNs) : result.MedianNs;
    }
}
