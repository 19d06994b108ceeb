using System.Globalization;
using System.Text;
using NestedVirt.Harness.Reporting;

namespace NestedVirt.Harness.Instructions;

/// <summary>The plain-text form of an <see cref="IcountReport"/>, under 72 columns, one greppable line per id.</summary>
public static class IcountReportWriter
{
    /// <summary>The target for the 1-D 4-level EPT walk: at most this many times the C walker's instructions.</summary>
    public const double NativeRatioTarget = 1.5;

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

        if (report.NativePerOperation is double native)
        {
            AddRow(table, IcountRunner.NativeId, native, report.NativeSpread, repeated);
        }

        text.Append(table.ToString());
        if (report.NativeRatio is double ratio)
        {
            string verdict = ratio <= NativeRatioTarget ? "met" : "missed";
            text.Append(CultureInfo.InvariantCulture,
                $"\n{IcountReport.NativeComparedId} C#/C: {ratio:0.00}x (target <= {NativeRatioTarget:0.0}x: {verdict})\n");
            text.Append("C walker: bench/native/ept_walk.c, cc -O2, same tables and checks\n");
        }
        else if (report.NativeSkipped is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nC walker skipped: {report.NativeSkipped}\n");
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
