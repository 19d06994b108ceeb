using System.Globalization;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The two head-only tables of the cover letter: relay versus reflection per vendor and call,
/// and EPT versus NPT nested walks. Benchmarks are found by suite and parameters (see
/// <see cref="BenchmarkName"/> for the parameter names).
/// </summary>
internal static class CoverLetterTables
{
    /// <summary>Median of a result's samples, or its stored median when it has no samples.</summary>
    public static double Median(BenchmarkResult result) =>
        result.SamplesNs.Length > 0 ? TwoSampleComparer.Median(result.SamplesNs) : result.MedianNs;

    /// <summary>Relay ns, reflect ns and reflect/relay per (Vendor, Call, Clean).</summary>
    public static void RelayVsReflection(List<string> lines, ResultsEnvelope head)
    {
        var rows = new SortedDictionary<(string Vendor, string Call, string Clean), (double Relay, double Reflect)>(
            Comparer<(string, string, string)>.Create((a, b) => Ordinal([a.Item1, a.Item2, a.Item3], [b.Item1, b.Item2, b.Item3])));
        foreach (BenchmarkResult b in head.Benchmarks)
        {
            if (b.Suite != BenchmarkName.RelayVsReflectionSuite
                || !b.Parameters.TryGetValue("Vendor", out string? vendor)
                || !b.Parameters.TryGetValue("Call", out string? call)
                || !b.Parameters.TryGetValue("Path", out string? path))
            {
                continue;
            }

            var key = (vendor, call, b.Parameters.GetValueOrDefault("Clean", ""));
            (double relay, double reflect) = rows.GetValueOrDefault(key, (double.NaN, double.NaN));
            if (path == "Relayed")
            {
                relay = Median(b);
            }
            else if (path == "Reflected")
            {
                reflect = Median(b);
            }

            rows[key] = (relay, reflect);
        }

        if (rows.Count == 0)
        {
            return;
        }

        lines.Add("");
        lines.Add("Relay vs reflection, head (median ns/op):");
        var table = new TextTable(CoverLetter.Width, "  ")
            .AddColumn("vendor", TextAlignment.Left)
            .AddColumn("call", TextAlignment.Left)
            .AddColumn("clean", TextAlignment.Left)
            .AddColumn("relay", TextAlignment.Right)
            .AddColumn("reflect", TextAlignment.Right)
            .AddColumn("reflect/relay", TextAlignment.Right);
        foreach (((string vendor, string call, string clean), (double relay, double reflect)) in rows)
        {
            table.AddRow([vendor, call, YesNo(clean), NumberText.Nanoseconds(relay), NumberText.Nanoseconds(reflect), NumberText.Ratio(reflect / relay)]);
        }

        lines.AddRange(table.RenderLines());
    }

    /// <summary>EPT ns, NPT ns and NPT/EPT per (Levels, PageSize, Dimension, Caches).</summary>
    public static void EptVsNpt(List<string> lines, ResultsEnvelope head)
    {
        var rows = new SortedDictionary<(string Levels, string Page, string Dimension, string Caches), (double Ept, double Npt)>(
            Comparer<(string, string, string, string)>.Create((a, b) => Ordinal([a.Item1, a.Item2, a.Item3, a.Item4], [b.Item1, b.Item2, b.Item3, b.Item4])));
        foreach (BenchmarkResult b in head.Benchmarks)
        {
            if (b.Suite != BenchmarkName.NestedWalkSuite || !b.Parameters.TryGetValue("Format", out string? format))
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
            return;
        }

        lines.Add("");
        lines.Add("VMX vs SVM: EPT vs NPT nested walk, head (median ns/op):");
        var table = new TextTable(CoverLetter.Width, "  ")
            .AddColumn("levels", TextAlignment.Right)
            .AddColumn("page", TextAlignment.Left)
            .AddColumn("dimension", TextAlignment.Left)
            .AddColumn("caches", TextAlignment.Left)
            .AddColumn("ept", TextAlignment.Right)
            .AddColumn("npt", TextAlignment.Right)
            .AddColumn("npt/ept", TextAlignment.Right);
        foreach (((string levels, string page, string dimension, string caches), (double ept, double npt)) in rows)
        {
            table.AddRow([levels, page, dimension, YesNo(caches), NumberText.Nanoseconds(ept), NumberText.Nanoseconds(npt), NumberText.Ratio(npt / ept)]);
        }

        lines.AddRange(table.RenderLines());
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
