using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>
/// GitHub-flavoured Markdown for pull-request comments and CI job summaries: a comparison as
/// one verdict table (with model changes, added and removed benchmarks), a single run as one
/// table of medians, allocations and modelled latency. Benchmarks appear by their names.
/// </summary>
public sealed class MarkdownExporter : IReportExporter
{
    /// <inheritdoc/>
    public string Name => "markdown";

    /// <inheritdoc/>
    public string FileExtension => "md";

    /// <inheritdoc/>
    public void Export(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        List<string> lines = model.Comparison is { } report ? Comparison(report) : Run(model.Head);
        foreach (string line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static List<string> Comparison(ComparisonReport report)
    {
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
        return lines;
    }

    private static List<string> Run(ResultsEnvelope run)
    {
        var lines = new List<string>
        {
            $"Run `{BenchmarkComparer.CommitLabel(run.Git)}` on machine `{run.MachineId}`, job {Escape(run.Job)}: "
                + $"{Escape(MachineSummary.Describe(run.Machine, run.State))}. Median of each benchmark's iterations.",
            "",
            "| Benchmark | Median (ns) | Samples | Allocated (B/op) | Model (ns) |",
            "|---|---:|---:|---:|---:|",
        };
        foreach (BenchmarkResult b in run.Benchmarks.OrderBy(b => b.Id, StringComparer.Ordinal))
        {
            string allocated = b.AllocatedBytesPerOp is { } bytes ? NumberText.Plain(bytes, 0) : "-";
            string modelled = b.ModelledNs is { } ns ? NumberText.Integer(ns) : "-";
            lines.Add($"| `{Escape(b.Id)}` | {NumberText.Nanoseconds(SampleMedian.Of(b))} | {b.SamplesNs.Length} | {allocated} | {modelled} |");
        }

        return lines;
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
