using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>Writes a comparison as GitHub-flavoured Markdown (full benchmark ids, one table per section).</summary>
public static class ComparisonMarkdownWriter
{
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
            lines.Add($"**{Escape(cross)}**");
            lines.Add("");
        }

        string machine = report.CrossMachine ? "" : $" on machine `{report.BaseMachineId}`";
        lines.Add($"Base `{report.BaseCommit}` -> head `{report.HeadCommit}`{machine}. {Escape(VerdictText.Method(report.Options))}.");
        lines.Add("");
        if (report.Benchmarks.Count > 0)
        {
            lines.Add("| Benchmark | Base (ns) | Head (ns) | Ratio | Interval | Verdict |");
            lines.Add("|---|---:|---:|---:|---:|---|");
            foreach (BenchmarkComparison b in report.Benchmarks)
            {
                lines.Add($"| `{Escape(b.Key.Id)}` | {NumberText.Nanoseconds(b.BaseMedianNs)} | {NumberText.Nanoseconds(b.HeadMedianNs)} | {NumberText.Factor(b.Ratio)} | {VerdictText.Interval(b.Interval)} | {VerdictText.Of(b)} |");
            }

            lines.Add("");
        }

        if (report.ModelChanges.Count > 0)
        {
            lines.Add("**Model changes** (deterministic counters differ):");
            lines.Add("");
            lines.Add("| Benchmark | Counters (base -> head) |");
            lines.Add("|---|---|");
            foreach (ModelChange change in report.ModelChanges)
            {
                lines.Add($"| `{Escape(change.Key.Id)}` | {Escape(VerdictText.Counters(change))} |");
            }

            lines.Add("");
        }

        AddKeys(lines, "Added (head only)", report.Added);
        AddKeys(lines, "Removed (base only)", report.Removed);
        lines.Add($"**Summary:** {VerdictText.Summary(report)}.");
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

        lines.Add($"**{title}:**");
        lines.Add("");
        foreach (BenchmarkKey key in keys)
        {
            lines.Add($"- `{Escape(key.Id)}`");
        }

        lines.Add("");
    }

    // A pipe ends a table cell even inside a code span on GitHub, so it is escaped everywhere.
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
