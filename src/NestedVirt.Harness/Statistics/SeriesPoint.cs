namespace NestedVirt.Harness.Statistics;

/// <summary>One commit of a benchmark's history: the raw samples of every run at that commit, pooled.</summary>
/// <param name="Commit">Commit label (short hash).</param>
/// <param name="SamplesNs">Per-iteration nanoseconds per operation; at least one value.</param>
public sealed record SeriesPoint(string Commit, IReadOnlyList<double> SamplesNs)
{
    /// <summary>Median of <see cref="SamplesNs"/>.</summary>
    public double MedianNs => SampleMedian.Of(SamplesNs);

    /// <summary>Smallest sample.</summary>
    public double MinNs => SamplesNs.Count == 0 ? double.NaN : SamplesNs.Min();

    /// <summary>Largest sample.</summary>
    public double MaxNs => SamplesNs.Count == 0 ? double.NaN : SamplesNs.Max();
}
