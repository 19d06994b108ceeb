using BenchmarkDotNet.Reports;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Running;

/// <summary>One measured case of <c>nvbench nested-cost</c>: vendor, job and median.</summary>
/// <param name="Vendor">Intel (VMX) or AMD (SVM).</param>
/// <param name="Job"><see cref="NestedCostConfig.NestedInJob"/> or <see cref="NestedCostConfig.NestedOutJob"/>.</param>
/// <param name="MedianNs">Median ns per operation (one exit).</param>
public sealed record NestedCostRow(CpuVendor Vendor, string Job, double MedianNs)
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
            if (report.BenchmarkCase.Parameters["Vendor"] is not CpuVendor vendor)
                continue;
            rows.Add(new NestedCostRow(vendor, report.BenchmarkCase.Job.Id, statistics.Median));
        }
        return rows;
    }
}
