namespace NestedVirt.Harness.Reporting;

/// <summary>One commit of a trend chart.</summary>
/// <param name="Commit">Commit label for the x axis.</param>
/// <param name="MinNs">Smallest sample (bottom of the band).</param>
/// <param name="MedianNs">Median (the line).</param>
/// <param name="MaxNs">Largest sample (top of the band).</param>
public readonly record struct TrendPoint(string Commit, double MinNs, double MedianNs, double MaxNs);
