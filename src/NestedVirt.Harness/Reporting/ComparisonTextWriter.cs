using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>Writes a comparison as a plain ASCII terminal report, every line at most 72 columns.</summary>
public static class ComparisonTextWriter
{
    private const int Width = 72;

    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="writer">Destination.</param>
    public static void Write(ComparisonReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
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
            foreach (BenchmarkComparison b in report.Benchmarks.OrderBy(b => BenchmarkLabel.Short(b.Key), StringComparer.Ordinal))
            {
                table.AddRow([BenchmarkLabel.Short(b.Key), NumberText.Nanoseconds(b.BaseMedianNs), NumberText.Nanoseconds(b.HeadMedianNs),
                    NumberText.Factor(b.Ratio), VerdictText.Interval(b.Interval), VerdictText.Of(b)]);
            }

            lines.AddRange(table.RenderLines());
            lines.Add("");
        }

        if (report.ModelChanges.Count > 0)
        {
            lines.Add("Model changes (deterministic counters differ):");
            foreach (ModelChange change in report.ModelChanges.OrderBy(c => BenchmarkLabel.Short(c.Key), StringComparer.Ordinal))
            {
                lines.AddRange(TextWrap.Wrap($"  {BenchmarkLabel.Short(change.Key)}: {VerdictText.Counters(change)}", Width, "    "));
            }

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
            lines.AddRange(TextWrap.Wrap("  " + BenchmarkLabel.Short(key), Width, "    "));
        }

        lines.Add("");
    }
}
