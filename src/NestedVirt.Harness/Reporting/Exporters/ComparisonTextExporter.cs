using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>A comparison as a plain ASCII terminal report, every line at most 72 columns (compare's default).</summary>
public sealed class ComparisonTextExporter : IReportExporter
{
    private const int Width = 72;

    /// <inheritdoc/>
    public string Name => "text";

    /// <inheritdoc/>
    public string FileExtension => "txt";

    /// <inheritdoc/>
    public void Export(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        ComparisonReport report = model.RequireComparison(Name);
        var lines = new List<string>();
        if (VerdictText.CrossMachine(report) is { } cross)
        {
            lines.AddRange(TextWrap.Wrap(cross, Width));
        }

        string machine = report.CrossMachine ? "" : $" (machine {report.BaseMachineId})";
        lines.AddRange(TextWrap.Wrap($"base {report.BaseCommit} -> head {report.HeadCommit}{machine}", Width));
        lines.AddRange(TextWrap.Wrap(VerdictText.Method(report.Options) + ".", Width));
        lines.Add("");

        if (report.Benchmarks.Count > 0)
        {
            var table = new TextTable(Width)
                .AddColumn("benchmark", TextAlignment.Left)
                .AddColumn("base ns", TextAlignment.Right)
                .AddColumn("head ns", TextAlignment.Right)
                .AddColumn("ratio", TextAlignment.Right)
                .AddColumn("interval", TextAlignment.Right)
                .AddColumn("verdict", TextAlignment.Left);
            foreach (BenchmarkComparison b in report.Benchmarks.OrderBy(b => b.Key.Id, StringComparer.Ordinal))
            {
                table.AddRow([b.Key.Id, NumberText.Nanoseconds(b.BaseMedianNs), NumberText.Nanoseconds(b.HeadMedianNs),
                    NumberText.Factor(b.Ratio), VerdictText.Interval(b.Interval), VerdictText.Of(b)]);
            }

            lines.AddRange(table.RenderLines());
            lines.Add("");
        }

        if (report.ModelChanges.Count > 0)
        {
            lines.Add("Model changes (deterministic counters or instruction counts differ):");
            foreach (ModelChange change in report.ModelChanges.OrderBy(c => c.Key.Id, StringComparer.Ordinal))
            {
                lines.AddRange(TextWrap.Wrap($"  {change.Key.Id}: {VerdictText.Counters(change)}", Width, "    "));
            }

            lines.Add("");
        }

        if (report.InstructionNote is { } note)
        {
            lines.AddRange(TextWrap.Wrap(note + ".", Width));
            lines.Add("");
        }

        AddKeys(lines, "Added (head only):", report.Added);
        AddKeys(lines, "Removed (base only):", report.Removed);
        lines.AddRange(TextWrap.Wrap(VerdictText.Summary(report) + ".", Width));
        foreach (string line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static void AddKeys(List<string> lines, string title, IReadOnlyList<BenchmarkKey> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        lines.Add(title);
        foreach (BenchmarkKey key in keys)
        {
            lines.AddRange(TextWrap.Wrap("  " + key.Id, Width, "    "));
        }

        lines.Add("");
    }
}
