using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.History;

/// <summary>
/// Several machines side by side: one column per machine with each benchmark's median at that
/// machine's latest commit, and a legend naming each column's machine and its virtualization
/// extension (a VMX host next to an SVM host). Each machine's numbers come from its own history
/// only; nothing is pooled across machines, and a benchmark a machine never ran shows "-".
/// </summary>
public static class CrossMachineTable
{
    /// <summary>Column width budget: the 72 columns of everything else the harness prints.</summary>
    public const int Width = 72;

    /// <summary>Writes the legend and the table.</summary>
    /// <param name="machines">The machines, in column order.</param>
    /// <param name="output">Destination.</param>
    public static void Write(IReadOnlyList<MachineHistory> machines, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("machines side by side (median ns at each machine's latest commit;\n  never pooled):\n");
        var table = new TextTable(Width, "  ").AddColumn("benchmark", TextAlignment.Left);
        var latest = new List<Dictionary<string, double>>(machines.Count);
        var ids = new SortedDictionary<string, BenchmarkKey>(StringComparer.Ordinal);
        for (int m = 0; m < machines.Count; m++)
        {
            string column = ColumnName(m);
            HistoryReport report = machines[m].Report;
            output.Write($"  {column}  {report.MachineId}\n  {new string(' ', column.Length)}  {Describe(machines[m].Machine)}\n");
            table.AddColumn(column, TextAlignment.Right);
            var medians = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (BenchmarkHistory history in report.Benchmarks)
            {
                ids.TryAdd(history.Key.Id, history.Key);
                if (history.Points.Count > 0)
                {
                    medians[history.Key.Id] = history.Points[^1].MedianNs;
                }
            }

            latest.Add(medians);
        }

        foreach ((string id, BenchmarkKey key) in ids)
        {
            var row = new List<string>(machines.Count + 1) { key.Id };
            foreach (Dictionary<string, double> medians in latest)
            {
                row.Add(medians.TryGetValue(id, out double ns) ? NumberText.Nanoseconds(ns) : "-");
            }

            table.AddRow(row);
        }

        foreach (string line in table.RenderLines())
        {
            output.Write(line.TrimEnd() + "\n");
        }
    }

    /// <summary>E.g. <c>AMD EPYC 7763, 2 CPUs, SVM host, bare metal</c>.</summary>
    /// <param name="machine">The machine's facts.</param>
    public static string Describe(MachineInfo machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        string extension = machine.CpuVendor switch
        {
            "GenuineIntel" => "VMX host",
            "AuthenticAMD" or "HygonGenuine" => "SVM host",
            _ => "vendor unknown",
        };
        string where = machine.Virtualization switch
        {
            "vm" => "VM",
            "bare-metal" => "bare metal",
            _ => "VM or bare metal unknown",
        };
        return $"{(string.IsNullOrEmpty(machine.CpuModel) ? "CPU unknown" : machine.CpuModel)}, {machine.LogicalCores} CPUs, {extension}, {where}";
    }

    // A, B, ..., Z, then M27, M28, ... so a column never widens the table by more than a few characters.
    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"M{index + 1}";
}
