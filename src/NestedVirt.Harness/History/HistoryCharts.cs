using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.History;

/// <summary>Turns a history report into one trend chart per suite.</summary>
public static class HistoryCharts
{
    /// <summary>Returns (suite, chart) pairs ordered by suite name.</summary>
    /// <param name="report">The history.</param>
    public static IReadOnlyList<(string Suite, TrendChart Chart)> Build(HistoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bySuite = new SortedDictionary<string, List<TrendPanel>>(StringComparer.Ordinal);
        foreach (BenchmarkHistory history in report.Benchmarks)
        {
            if (!bySuite.TryGetValue(history.Key.Suite, out List<TrendPanel>? panels))
            {
                panels = [];
                bySuite[history.Key.Suite] = panels;
            }

            var points = new List<TrendPoint>(history.Points.Count);
            foreach (SeriesPoint p in history.Points)
            {
                points.Add(new TrendPoint(p.Commit, p.MinNs, p.MedianNs, p.MaxNs));
            }

            panels.Add(new TrendPanel(history.Key.Id, points, history.ChangePoints));
        }

        var charts = new List<(string, TrendChart)>(bySuite.Count);
        foreach ((string suite, List<TrendPanel> panels) in bySuite)
        {
            charts.Add((suite, new TrendChart($"{suite} on {report.MachineId}: median per commit, band min-max", "ns/op", panels)));
        }

        return charts;
    }
}
