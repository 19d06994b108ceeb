using System.Globalization;
using System.Text;
using NestedVirt.Harness.Reporting;

namespace NestedVirt.Harness.Instructions;

/// <summary>The plain-text form of an <see cref="IcountReport"/>, under 72 columns, one greppable line per id.</summary>
public static class IcountReportWriter
{
    /// <summary>The hot path whose C#/C instruction ratio has a target.</summary>
    public const string NativeTargetId = "walk.ept.1d.4l";

    /// <summary>The target for <see cref="NativeTargetId"/>: at most this many times the C walker's instructions.</summary>
    public const double NativeRatioTarget = 1.2;

    /// <summary>Formats the report.</summary>
    /// <param name="report">A report that was not skipped.</param>
    /// <returns>Text ending in a newline.</returns>
    public static string Text(IcountReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Skipped is not null)
        {
            return $"icount: skipped: {report.Skipped}\n";
        }

        var text = new StringBuilder();
        bool repeated = report.Samples.Count > report.Ids().Count;
        text.Append(CultureInfo.InvariantCulture, $"Instructions per operation: callgrind, (Ir(N) - Ir(0)) / N, N = {report.Iterations}\n");
        text.Append(CultureInfo.InvariantCulture, $"{report.Runtime}, tiered compilation off\nCPU: {report.Cpu}\n\n");
        var table = new TextTable().AddColumn("hot path", TextAlignment.Left).AddColumn("instr/op", TextAlignment.Right);
        if (repeated)
        {
            table.AddColumn("spread", TextAlignment.Right);
        }

        foreach (string id in report.Ids())
        {
            AddRow(table, id, report.PerOperation(id)!.Value, report.Spread(id), repeated);
        }

        foreach (string id in report.NativeIds())
        {
            AddRow(table, id, report.NativePerOperation(id)!.Value, report.NativeSpread(id), repeated);
        }

        text.Append(table.ToString());
        var ratios = new StringBuilder();
        foreach (string id in report.Ids())
        {
            if (report.NativeRatio(id) is not double ratio)
            {
                continue;
            }

            ratios.Append(CultureInfo.InvariantCulture, $"{id} C#/C: {ratio:0.00}x");
            if (id == NativeTargetId)
            {
                string verdict = ratio <= NativeRatioTarget ? "met" : "missed";
                ratios.Append(CultureInfo.InvariantCulture, $" (target <= {NativeRatioTarget:0.0#}x: {verdict})");
            }

            ratios.Append('\n');
        }

        if (ratios.Length > 0)
        {
            text.Append('\n').Append(ratios);
            text.Append("C walkers: bench/native/nvwalk_*.c, cc -O2, the same tables,\nstream and checks (self-tested before counting)\n");
        }
        else if (report.NativeSkipped is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nC walkers skipped: {report.NativeSkipped}\n");
        }

        return text.ToString();
    }

    private static void AddRow(TextTable table, string id, double perOp, double spread, bool repeated)
    {
        string value = perOp.ToString("0.0", CultureInfo.InvariantCulture);
        if (!repeated)
        {
            table.AddRow([id, value]);
            return;
        }

        double relative = perOp != 0 ? spread / Math.Abs(perOp) : 0;
        table.AddRow([id, value, string.Create(CultureInfo.InvariantCulture, $"{spread:0.00} ({relative:0.000%})")]);
    }
}
