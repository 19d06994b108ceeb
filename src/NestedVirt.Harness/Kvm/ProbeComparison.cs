namespace NestedVirt.Harness.Kvm;

/// <summary>
/// nvbench's calibration against the C probe, line by line, over one or more rounds of
/// (calibrator, probe) run back to back. The ratio is the median of the per-round ratios, so a
/// machine whose load drifts between rounds still compares each calibrator run with the probe run
/// next to it.
/// </summary>
public sealed class ProbeComparison
{
    private ProbeComparison(IReadOnlyList<Row> rows, int rounds)
    {
        Rows = rows;
        Rounds = rounds;
    }

    /// <summary>One line of the comparison.</summary>
    /// <param name="Name">The test, as both print it.</param>
    /// <param name="NvbenchNs">Median over rounds of nvbench's median.</param>
    /// <param name="ProbeNs">Median over rounds of the probe's median, or NaN when the probe lacks the test.</param>
    /// <param name="Ratio">Median of the per-round nvbench/probe ratios, or NaN.</param>
    /// <param name="Interval">Where the median ratio lies, from the per-round ratios; null without a ratio.</param>
    public sealed record Row(string Name, double NvbenchNs, double ProbeNs, double Ratio, RatioInterval? Interval);

    /// <summary>Lines in nvbench's order.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Rounds compared.</summary>
    public int Rounds { get; }

    /// <summary>The comparison of <paramref name="rounds"/> (a calibration and the probe run after it); only rounds where both completed count; null when none did.</summary>
    public static ProbeComparison? Of(IReadOnlyList<(ExitCostCalibration Calibration, ExitCostCalibration? Probe)> rounds)
    {
        var usable = rounds.Where(r => r.Calibration.Status == ExitCostCalibration.StatusOk && r.Probe?.Status == ExitCostCalibration.StatusOk).ToList();
        if (usable.Count == 0)
            return null;
        var rows = new List<Row>();
        foreach (ExitCostSample test in usable[0].Calibration.Tests)
        {
            var ours = new List<double>();
            var theirs = new List<double>();
            var ratios = new List<double>();
            foreach ((ExitCostCalibration calibration, ExitCostCalibration? probe) in usable)
            {
                if (calibration.Find(test.Name) is not { } mine)
                    continue;
                ours.Add(mine.MedianNs);
                if (probe!.Find(test.Name) is { } other)
                {
                    theirs.Add(other.MedianNs);
                    if (other.MedianNs > 0)
                        ratios.Add(mine.MedianNs / other.MedianNs);
                }
            }

            rows.Add(new Row(test.Name, Median(ours), Median(theirs), Median(ratios), RatioInterval.Of(ratios)));
        }

        return new ProbeComparison(rows, usable.Count);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
            return double.NaN;
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
