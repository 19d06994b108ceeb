using System.Text.Json;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Statistics;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Reporting.Exporters;

public sealed class ComparisonExportersTests
{
    private static ReportModel Report(bool crossMachine = false) =>
        ReportModel.Compare(
            Envelope("aaaa", [Simple("Slow", Samples(100, 15)), Simple("Steady", Samples(50, 15)), Simple("Few", Samples(50, 3)), Simple("Gone", Samples(1, 5))]),
            Envelope("bbbb", [Simple("Slow", Samples(130, 15)), Simple("Steady", Samples(50.2, 15)), Simple("Few", Samples(80, 3)), Simple("New", Samples(1, 5))], machineId: crossMachine ? "machine-2" : "machine-1"),
            ComparisonOptions.Default with { AllowCrossMachine = crossMachine });

    private static string Write(ReportModel report, ReportFormat format)
    {
        var writer = new StringWriter();
        ReportExporters.Write(report, format, writer);
        return writer.ToString();
    }

    [Fact]
    public void TextShowsDeltaOnlyForSignificantChangesAndFitsSeventyTwoColumns()
    {
        string text = Write(Report(), ReportFormat.Text);
        string[] lines = text.Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 72, l));
        Assert.Contains(lines, l => l.StartsWith("synthetic/slow ", StringComparison.Ordinal) || l == "synthetic/slow");
        // Ratios and 95% intervals as Statistics/Reference/verdict_reference.py computes them
        // for these samples: (1.3, 1.2935, 1.3065; 1.2935 sits on the rounding edge and prints as 1.294), (1.004, 0.99898, 1.00905); 3 vs 3 has no bound.
        Assert.Contains(lines, l => l.EndsWith("100      130  1.300  1.294-1.307  slower", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("50.2  1.004  0.999-1.009  same", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("80.0  1.600            -  too few", StringComparison.Ordinal));
        Assert.Contains("  synthetic/new", lines);
        Assert.Contains("  synthetic/gone", lines);
        Assert.DoesNotContain("CROSS-MACHINE", text);
    }

    [Theory]
    [InlineData(ReportFormat.Text)]
    [InlineData(ReportFormat.Markdown)]
    public void CrossMachineOutputIsLabelled(ReportFormat format)
    {
        Assert.Contains("CROSS-MACHINE: base ran on machine-1, head on machine-2", Write(Report(crossMachine: true), format));
    }

    [Fact]
    public void JsonIsParseableAndLabelsCrossMachine()
    {
        using JsonDocument doc = JsonDocument.Parse(Write(Report(crossMachine: true), ReportFormat.Json));
        JsonElement root = doc.RootElement;

        Assert.True(root.GetProperty("crossMachine").GetBoolean());
        JsonElement slow = root.GetProperty("benchmarks").EnumerateArray().Single(b => b.GetProperty("id").GetString() == "synthetic/slow");
        Assert.Equal("slower", slow.GetProperty("verdict").GetString());
        Assert.Equal(1.3, slow.GetProperty("ratio").GetDouble(), 9);
        Assert.Equal("insufficientData", root.GetProperty("benchmarks").EnumerateArray().Single(b => b.GetProperty("id").GetString() == "synthetic/few").GetProperty("verdict").GetString());
        Assert.Equal(["synthetic/new"], root.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, root.GetProperty("summary").GetProperty("slower").GetInt32());
    }

    [Fact]
    public void MarkdownIsATableWithFullIds()
    {
        string md = Write(Report(), ReportFormat.Markdown);

        Assert.Contains("| Benchmark | Base (ns) | Head (ns) | Ratio | Interval | Verdict |", md);
        Assert.Contains("| `synthetic/slow` | 100 | 130 | 1.300 | 1.294-1.307 | slower |", md);
    }

    [Theory]
    [InlineData("text", ReportFormat.Text)]
    [InlineData("md", ReportFormat.Markdown)]
    [InlineData("json", ReportFormat.Json)]
    public void FormatNamesParse(string text, ReportFormat expected)
    {
        Assert.True(ReportExporters.TryParseFormat(text, out ReportFormat format));
        Assert.Equal(expected, format);
        Assert.False(ReportExporters.TryParseFormat("html", out _));
    }
}
