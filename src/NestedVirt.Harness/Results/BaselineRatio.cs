namespace NestedVirt.Harness.Results;

/// <summary>
/// The one home of a case's ratio to its suite's baseline (BenchmarkDotNet's <c>Baseline = true</c>
/// method with the same parameters): median over median, both from the same run or pool, so the
/// machine's state at the time cancels out as far as it can.
/// </summary>
public static class BaselineRatio
{
    /// <summary>The ratio of <paramref name="median"/> to the baseline's median, or null when there is no usable baseline.</summary>
    /// <param name="median">This case's median ns/op.</param>
    /// <param name="baselineId">The baseline case's id, or null.</param>
    /// <param name="medians">Median ns/op of every case of the run, by id.</param>
    public static double? Of(double median, string? baselineId, IReadOnlyDictionary<string, double> medians)
    {
        ArgumentNullException.ThrowIfNull(medians);
        if (baselineId is null || !medians.TryGetValue(baselineId, out double baseline) || !(baseline > 0) || double.IsNaN(median))
        {
            return null;
        }

        return median / baseline;
    }
}
