using BenchmarkDotNet.Reports;

namespace NestedVirt.Benchmarks.Running;

/// <summary>One measured case of <c>nvbench nested-cost</c>: vendor, job and median.</summary>
/// <param name="Vendor">Vmx or Svm.</param>
/// <param name="Job"><see cref="NestedCostConfig.NestedInJob"/> or <see cref="NestedCostConfig.NestedOutJob"/>.</param>
/// <param name="MedianNs">Median ns per operation (one exit).</param>
public sealed record NestedCostRow(string Vendor, string Job, double MedianNs)
{
    /// <summary>The rows of every case that produced measurements.</summary>
    public static List<NestedCostRow> From(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = new List<NestedCostRow>();
        foreach (BenchmarkReport report in summary.Reports)
        {
            if (report.ResultStatistics is not { } statistics)
                continue;
            string vendor = report.BenchmarkCase.Parameters["Vendor"]?.ToString() ?? "?";
            rows.Add(new NestedCostRow(vendor, report.BenchmarkCase.Job.Id, statistics.Median));
        }
        return rows;
    }
}
