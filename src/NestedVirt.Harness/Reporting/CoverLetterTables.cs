using System.Globalization;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The two head-only tables of the cover letter: relay versus reflection per vendor and call,
/// and EPT versus NPT nested walks. Benchmarks are found by suite and parameters (see
/// <see cref="BenchmarkLabel"/> for the parameter names).
/// </summary>
internal static class CoverLetterTables
{
    /// <summary>Median of a result's samples, or its stored median when it has no samples.</summary>
    public static double Median(BenchmarkResult result) =>
        result.SamplesNs.Length > 0 ? TwoSampleComparer.Median(result.SamplesNs) : result.MedianNs;

    /// <summary>Relay ns, reflect ns and reflect/relay per (Vendor, Call, Clean).</summary>
    public static void RelayVsReflection(List<string> lines, ResultsEnvelope head) =>
        AddText(lines, "Relay vs reflection, head (median ns/op):", RelayVsReflectionTable(head), [TextAlignment.Left, TextAlignment.Left, TextAlignment.Left, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right]);

    /// <summary>The relay-vs-reflection table of a run as header and rows of text cells, or null when it has none of those cases.</summary>
    /// <param name="head">The run.</param>
    public static (string[] Header, List<string[]> Rows)? RelayVsReflectionTable(ResultsEnvelope head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var rows = new SortedDictionary<(string Vendor, string Call, string Clean), (double Relay, double Reflect)>(
            Comparer<(string, string, string)>.Create((a, b) => Ordinal([a.Item1, a.Item2, a.Item3], [b.Item1, b.Item2, b.Item3])));
        foreach (BenchmarkResult b in head.Benchmarks)
        {
            if (b.Suite != BenchmarkLabel.RelayVsReflectionSuite
                || !b.Parameters.TryGetValue("Vendor", out string? vendor)
                || !b.Parameters.TryGetValue("Call", out string? call)
                || !b.Parameters.TryGetValue("Path", out string? path))
            {
                continue;
            }

            var key = (vendor, call, b.Parameters.GetValueOrDefault("Clean", ""));
            (double relay, double reflect) = rows.GetValueOrDefault(key, (double.NaN, double.NaN));
            if (path.Equals("Relay", StringComparison.OrdinalIgnoreCase))
            {
                relay = Median(b);
            }
            else if (path.Equals("Reflect", StringComparison.OrdinalIgnoreCase))
            {
                reflect = Median(b);
            }

            rows[key] = (relay, reflect);
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var table = new List<string[]>(rows.Count);
        foreach (((string vendor, string call, string clean), (double relay, double reflect)) in rows)
        {
            table.Add([vendor, call, YesNo(clean), NumberText.Nanoseconds(relay), NumberText.Nanoseconds(reflect), NumberText.Ratio(reflect / relay)]);
        }

        return (["vendor", "call", "clean", "relay", "reflect", "reflect/relay"], table);
    }

    /// <summary>EPT ns, NPT ns and NPT/EPT per (Levels, PageSize, Dimension, Caches).</summary>
    public static void EptVsNpt(List<string> lines, ResultsEnvelope head) =>
        AddText(lines, "VMX vs SVM: EPT vs NPT nested walk, head (median ns/op):", EptVsNptTable(head), [TextAlignment.Right, TextAlignment.Left, TextAlignment.Left, TextAlignment.Left, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right]);

    /// <summary>The EPT-vs-NPT table of a run as header and rows of text cells, or null when it has none of those cases.</summary>
    /// <param name="head">The run.</param>
    public static (string[] Header, List<string[]> Rows)? EptVsNptTable(ResultsEnvelope head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var rows = new SortedDictionary<(string Levels, string Page, string Dimension, string Caches), (double Ept, double Npt)>(
            Comparer<(string, string, string, string)>.Create((a, b) => Ordinal([a.Item1, a.Item2, a.Item3, a.Item4], [b.Item1, b.Item2, b.Item3, b.Item4])));
        foreach (BenchmarkResult b in head.Benchmarks)
        {
            if (b.Suite != BenchmarkLabel.NestedWalkSuite || !b.Parameters.TryGetValue("Format", out string? format))
            {
                continue;
            }

            var key = (
                b.Parameters.GetValueOrDefault("Levels", ""),
                b.Parameters.GetValueOrDefault("PageSize", ""),
                b.Parameters.GetValueOrDefault("Dimension", ""),
                b.Parameters.GetValueOrDefault("Caches", ""));
            (double ept, double npt) = rows.GetValueOrDefault(key, (double.NaN, double.NaN));
            if (format.Equals("Ept", StringComparison.OrdinalIgnoreCase))
            {
                ept = Median(b);
            }
            else if (format.Equals("Npt", StringComparison.OrdinalIgnoreCase))
            {
                npt = Median(b);
            }

            rows[key] = (ept, npt);
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var table = new List<string[]>(rows.Count);
        foreach (((string levels, string page, string dimension, string caches), (double ept, double npt)) in rows)
        {
            table.Add([levels, page, dimension, YesNo(caches), NumberText.Nanoseconds(ept), NumberText.Nanoseconds(npt), NumberText.Ratio(npt / ept)]);
        }

        return (["levels", "page", "dimension", "caches", "ept", "npt", "npt/ept"], table);
    }

    private static void AddText(List<string> lines, string title, (string[] Header, List<string[]> Rows)? content, TextAlignment[] alignments)
    {
        if (content is not { } table)
        {
            return;
        }

        lines.Add("");
        lines.Add(title);
        var text = new TextTable(CoverLetter.Width, "  ");
        for (int c = 0; c < table.Header.Length; c++)
        {
            text.AddColumn(table.Header[c], alignments[c]);
        }

        foreach (string[] row in table.Rows)
        {
            text.AddRow(row);
        }

        lines.AddRange(text.RenderLines());
    }

    // Culture-free row order: numbers by value when both parse (Levels 4 before 10), else ordinal.
    private static int Ordinal(string[] a, string[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            int c = long.TryParse(a[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long x) && long.TryParse(b[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long y) ? x.CompareTo(y) : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static string YesNo(string value) =>
        bool.TryParse(value, out bool flag) ? (flag ? "yes" : "no") : value;
}
