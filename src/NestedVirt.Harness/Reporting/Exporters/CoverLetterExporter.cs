using System.Text;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>
/// The numbers block of a <c>git format-patch</c> cover letter: plain ASCII, every line at most
/// 72 columns, tables aligned with spaces. It follows the KVM list conventions collected in
/// model 05 §6: the machine and its tuning in one line, the exact command,
/// before/after with units, "same" instead of an insignificant percentage, and optionally raw
/// <c>&lt;name&gt; &lt;value&gt;</c> lines in kvm-unit-tests vmexit style (the name is the
/// benchmark's one name, so the lines grep and filter like every other output).
/// </summary>
public sealed class CoverLetterExporter : IReportExporter
{
    /// <summary>Maximum line length.</summary>
    public const int Width = 72;

    /// <summary>Creates the exporter.</summary>
    /// <param name="includeRaw">Append the raw <c>&lt;name&gt; &lt;value&gt;</c> block.</param>
    public CoverLetterExporter(bool includeRaw = false)
    {
        IncludeRaw = includeRaw;
    }

    /// <summary>Whether the raw <c>&lt;name&gt; &lt;value&gt;</c> block is appended.</summary>
    public bool IncludeRaw { get; }

    /// <inheritdoc/>
    public string Name => "cover-letter";

    /// <inheritdoc/>
    public string FileExtension => "txt";

    /// <inheritdoc/>
    public void Export(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        ComparisonReport report = model.RequireComparison(Name);
        ResultsEnvelope baseline = model.Base!;
        ResultsEnvelope head = model.Head;
        var lines = new List<string>();
        Header(lines, baseline, head, report);
        Table(lines, RelayVsReflectionTable.Lines(head, Width, "  "));
        Table(lines, EptVsNptTable.Lines(head, Width, "  "));
        BeforeAfter(lines, report);
        Counters(lines, head, report);
        if (IncludeRaw)
        {
            Raw(lines, head);
        }

        foreach (string line in lines)
        {
            writer.Write(Ascii(line).TrimEnd());
            writer.Write('\n');
        }
    }

    /// <summary>The cover letter of a comparison as one string.</summary>
    /// <param name="model">The comparison.</param>
    public string Render(ReportModel model)
    {
        var text = new StringWriter();
        Export(model, text);
        return text.ToString();
    }

    private static void Table(List<string> lines, IReadOnlyList<string> table)
    {
        if (table.Count > 0)
        {
            lines.Add("");
            lines.AddRange(table);
        }
    }

    private static void Header(List<string> lines, ResultsEnvelope baseline, ResultsEnvelope head, ComparisonReport report)
    {
        string version = string.IsNullOrEmpty(head.HarnessVersion) ? "nvbench" : head.HarnessVersion;
        Add(lines, $"Numbers from {version}, job {Or(head.Job, "unknown")}, runtime {Or(head.Machine.Runtime, "unknown")}, median ns/op of each benchmark's iterations.");
        Add(lines, "Machine: " + MachineSummary.Describe(head.Machine, head.State) + ".");
        if (!string.IsNullOrEmpty(head.CostTable.Name))
        {
            Add(lines, $"Cost table: {head.CostTable.Name} ({(head.CostTable.Calibrated ? "calibrated on this machine" : "published figures")}).");
        }

        Command(lines, "Command:", head.Command);
        if (!string.Equals(baseline.Command, head.Command, StringComparison.Ordinal))
        {
            Command(lines, "Command (base):", baseline.Command);
        }

        Add(lines, $"Base: {report.BaseCommit}{Branch(baseline.Git)}, head: {report.HeadCommit}{Branch(head.Git)}.");
        if (VerdictText.CrossMachine(report) is { } cross)
        {
            Add(lines, cross);
        }

        Add(lines, "Verdict: " + VerdictText.Method(report.Options) + ".");
    }

    private static void Command(List<string> lines, string title, string command)
    {
        lines.Add(title);
        lines.AddRange(TextWrap.Wrap("  " + Or(command, "(not recorded)"), Width, "    ", " \\"));
    }

    private static void BeforeAfter(List<string> lines, ComparisonReport report)
    {
        lines.Add("");
        lines.Add("Base -> head (median ns/op):");
        if (report.Benchmarks.Count == 0)
        {
            lines.Add("  (no benchmark in both)");
        }
        else
        {
            var table = new TextTable(Width, "  ")
                .AddColumn("benchmark", TextAlignment.Left)
                .AddColumn("base", TextAlignment.Right)
                .AddColumn("head", TextAlignment.Right)
                .AddColumn("delta", TextAlignment.Right)
                .AddColumn("verdict", TextAlignment.Left);
            foreach (BenchmarkComparison b in report.Benchmarks.OrderBy(b => b.Key.Id, StringComparer.Ordinal))
            {
                table.AddRow([b.Key.Id, NumberText.Nanoseconds(b.BaseMedianNs), NumberText.Nanoseconds(b.HeadMedianNs), VerdictText.Delta(b), VerdictText.Of(b)]);
            }

            lines.AddRange(table.RenderLines());
        }

        foreach (BenchmarkKey key in report.Added)
        {
            Add(lines, $"  added: {key.Id}", "    ");
        }

        foreach (BenchmarkKey key in report.Removed)
        {
            Add(lines, $"  removed: {key.Id}", "    ");
        }
    }

    private static void Counters(List<string> lines, ResultsEnvelope head, ComparisonReport report)
    {
        lines.Add("");
        bool any = false;
        foreach (BenchmarkResult b in head.Benchmarks)
        {
            any |= b.Counters.Count > 0;
        }

        if (!any)
        {
            Add(lines, "Counters: none recorded.");
            return;
        }

        if (report.ModelChanges.Count == 0)
        {
            Add(lines, $"Counters: deterministic model counts identical in all {report.Benchmarks.Count} benchmarks.");
            return;
        }

        Add(lines, $"Counters: model changed in {report.ModelChanges.Count} of {report.Benchmarks.Count} benchmarks (base -> head):");
        foreach (ModelChange change in report.ModelChanges.OrderBy(c => c.Key.Id, StringComparer.Ordinal))
        {
            Add(lines, $"  {change.Key.Id}: {VerdictText.Counters(change)}", "    ");
        }
    }

    private static void Raw(List<string> lines, ResultsEnvelope head)
    {
        lines.Add("");
        lines.Add("Raw, head (median ns/op, rounded):");
        var raw = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (BenchmarkResult b in head.Benchmarks)
        {
            raw[b.Id] = NumberText.Integer(SampleMedian.Of(b));
        }

        foreach ((string name, string value) in raw)
        {
            lines.Add($"{name} {value}");
        }
    }

    private static void Add(List<string> lines, string text, string continuation = "  ") =>
        lines.AddRange(TextWrap.Wrap(text, Width, continuation));

    private static string Branch(GitInfo git) =>
        string.IsNullOrEmpty(git.Branch) || git.Branch == "HEAD" ? "" : $" ({git.Branch})";

    private static string Or(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text;

    // Mail must stay 7-bit: anything outside printable ASCII (a CPU name with a trademark sign,
    // a tab) becomes '?' or a space rather than breaking the alignment or the encoding.
    private static string Ascii(string line)
    {
        var sb = new StringBuilder(line.Length);
        foreach (char ch in line)
        {
            sb.Append(ch == '\t' ? ' ' : ch is >= ' ' and <= '~' ? ch : '?');
        }

        return sb.ToString();
    }
}
