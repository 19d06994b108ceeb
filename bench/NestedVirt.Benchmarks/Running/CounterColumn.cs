using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// A summary-table column showing one group of model counters per operation: hardware
/// transitions, VMCS/VMCB fields touched, or page-table entries read.
/// </summary>
public sealed class CounterColumn : IColumn
{
    private readonly string[] fields;

    private CounterColumn(string name, string legend, params string[] fields)
    {
        ColumnName = name;
        Legend = legend;
        this.fields = fields;
    }

    /// <summary>Hardware world switches per operation.</summary>
    public static CounterColumn Transitions { get; } = new("Transitions", "Hardware exits and entries per operation (model)",
        "L2ToL0Exits", "L0ToL2Entries", "L0ToL1Entries", "L1ToL0Exits");

    /// <summary>Userspace round trips per operation.</summary>
    public static CounterColumn Userspace { get; } = new("Userspace", "Round trips to the userspace VMM per operation (model)",
        "UserspaceRoundTrips");

    /// <summary>VMCS/VMCB fields read and written per operation.</summary>
    public static CounterColumn Fields { get; } = new("Fields", "VMCS/VMCB fields read + written per operation (model)",
        "VmcsFieldsRead", "VmcsFieldsWritten");

    /// <summary>Page-table entries read per operation.</summary>
    public static CounterColumn Entries { get; } = new("Entries", "Page-table entries read per operation (model)",
        "GuestEntriesRead");

    /// <inheritdoc/>
    public string Id => "NestedVirt." + ColumnName;

    /// <inheritdoc/>
    public string ColumnName { get; }

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend { get; }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var counters = CounterProbe.PerOperation(benchmarkCase);
        if (counters is null)
            return "-";
        double sum = 0;
        foreach (string field in fields)
            sum += counters.TryGetValue(field, out double v) ? v : 0;
        return sum.ToString(sum == Math.Floor(sum) ? "0" : "0.00", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
}
