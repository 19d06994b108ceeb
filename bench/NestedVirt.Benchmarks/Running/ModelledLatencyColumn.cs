using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NestedVirt.Harness.Model;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Modelled latency of one operation on real hardware: the model counters times the cost table
/// in use. It is an estimate, not a measurement; the legend names the table's source.
/// </summary>
public sealed class ModelledLatencyColumn(CostTable costTable) : IColumn
{
    /// <inheritdoc/>
    public string Id => "NestedVirt.Modelled";

    /// <inheritdoc/>
    public string ColumnName => "Modelled";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 1;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => $"Counters x cost table, ns per operation on real hardware (MODEL; {costTable.Source})";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var counters = CounterProbe.PerOperation(benchmarkCase);
        return counters is null ? "-" : costTable.Apply(counters).ToString("0", CultureInfo.InvariantCulture) + " ns";
    }

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
}
