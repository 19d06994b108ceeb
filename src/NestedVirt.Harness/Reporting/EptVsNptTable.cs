using System.Globalization;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The one EPT-versus-NPT table, in the run summary and the cover letter alike: per walk shape
/// (dimension, levels, leaf size, caches), the median ns per walk through EPT and through NPT,
/// their ratio, and the page-table entries each reads per walk (exact model counts).
/// </summary>
public static class EptVsNptTable
{
    private static readonly string[] Header = ["walk", "ept", "npt", "npt/ept", "entries ept/npt"];

    private static readonly TextAlignment[] Alignments =
        [TextAlignment.Left, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right];

    /// <summary>Title and table lines; empty when the run has no EPT/NPT pair.</summary>
    /// <param name="run">The run.</param>
    /// <param name="width">Maximum line length, indent included.</param>
    /// <param name="indent">Prefix of every table line.</param>
    public static IReadOnlyList<string> Lines(ResultsEnvelope run, int width, string indent = "")
    {
        if (Cells(run) is not { } cells)
        {
            return [];
        }

        IReadOnlyList<string> table = TextTable.Lines(Header, Alignments, cells.Rows, width, indent);

        return ["EPT vs NPT nested walk (median ns per walk; entries read per walk):", .. table];
    }

    /// <summary>The table's header and rows of text cells (the dashboard renders them as HTML), or null when the run has no pair.</summary>
    /// <param name="run">The run.</param>
    public static (string[] Header, List<string[]> Rows)? Cells(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pairs = new SortedDictionary<(string Dimension, long Levels, string Page, string Caches), (BenchmarkResult? Ept, BenchmarkResult? Npt)>();
        foreach (BenchmarkResult b in run.Benchmarks)
        {
            if (b.Suite != BenchmarkName.NestedWalkSuite || !b.Parameters.TryGetValue("Format", out string? format))
            {
                continue;
            }

            long.TryParse(b.Parameters.GetValueOrDefault("Levels", "0"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long levels);
            var key = (b.Parameters.GetValueOrDefault("Dimension", ""), levels, b.Parameters.GetValueOrDefault("PageSize", ""), b.Parameters.GetValueOrDefault("Caches", ""));
            (BenchmarkResult? ept, BenchmarkResult? npt) = pairs.GetValueOrDefault(key);
            pairs[key] = format == "Ept" ? (b, npt) : format == "Npt" ? (ept, b) : (ept, npt);
        }

        var rows = new List<string[]>();
        foreach (((string dimension, long levels, string page, string caches), (BenchmarkResult? ept, BenchmarkResult? npt)) in pairs)
        {
            if (ept is null || npt is null)
            {
                continue;
            }

            double eptNs = SampleMedian.Of(ept);
            double nptNs = SampleMedian.Of(npt);
            string walk = string.Join(' ', ParameterText.Dimension(dimension), levels.ToString(CultureInfo.InvariantCulture) + "L", ParameterText.PageSize(page), caches.ToLowerInvariant());
            rows.Add([walk, NumberText.Nanoseconds(eptNs), NumberText.Nanoseconds(nptNs), NumberText.Ratio(nptNs / eptNs), $"{Entries(ept)}/{Entries(npt)}"]);
        }

        return rows.Count == 0 ? null : (Header, rows);
    }

    private static string Entries(BenchmarkResult result) =>
        result.Counters.TryGetValue("GuestEntriesRead", out double entries) ? NumberText.Plain(entries, 1) : "-";
}
