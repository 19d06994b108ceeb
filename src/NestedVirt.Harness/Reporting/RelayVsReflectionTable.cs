using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The one relay-versus-reflection table, in the run summary and the cover letter alike: per
/// vendor, hypercall and clean-fields setting, the median ns/op of the relayed and the
/// reflected exit, their ratio, and the modelled ns on hardware (counters times cost table).
/// </summary>
public static class RelayVsReflectionTable
{
    private static readonly string[] Header = ["vendor", "call", "clean", "relay", "reflect", "ratio", "model relay/reflect"];

    private static readonly TextAlignment[] Alignments =
        [TextAlignment.Left, TextAlignment.Left, TextAlignment.Left, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right, TextAlignment.Right];

    /// <summary>Title and table lines; empty when the run has no relay-versus-reflection pair.</summary>
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

        return ["Relay vs reflection, one L2 hypercall exit (median ns/op; ratio =", "reflect/relay; model = ns on hardware from counters x cost table):", .. table];
    }

    /// <summary>The table's header and rows of text cells (the dashboard renders them as HTML), or null when the run has no pair.</summary>
    /// <param name="run">The run.</param>
    public static (string[] Header, List<string[]> Rows)? Cells(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pairs = new SortedDictionary<(int Vendor, string Call, int Clean), (BenchmarkResult? Relay, BenchmarkResult? Reflect)>();
        foreach (BenchmarkResult b in run.Benchmarks)
        {
            if (b.Suite != BenchmarkName.RelayVsReflectionSuite
                || !b.Parameters.TryGetValue("Vendor", out string? vendor)
                || !b.Parameters.TryGetValue("Call", out string? call)
                || !b.Parameters.TryGetValue("Path", out string? path))
            {
                continue;
            }

            var key = (ParameterText.VendorOrder(vendor), call, b.Parameters.GetValueOrDefault("Clean") == "False" ? 1 : 0);
            (BenchmarkResult? relay, BenchmarkResult? reflect) = pairs.GetValueOrDefault(key);
            pairs[key] = path == "Relayed" ? (b, reflect) : path == "Reflected" ? (relay, b) : (relay, reflect);
        }

        var rows = new List<string[]>();
        foreach (((int _, string call, int clean), (BenchmarkResult? relay, BenchmarkResult? reflect)) in pairs)
        {
            if (relay is null || reflect is null)
            {
                continue;
            }

            double relayNs = SampleMedian.Of(relay);
            double reflectNs = SampleMedian.Of(reflect);
            string model = relay.ModelledNs is { } m1 && reflect.ModelledNs is { } m2
                ? $"{NumberText.Integer(m1)}/{NumberText.Integer(m2)}"
                : "-";
            rows.Add([ParameterText.Vendor(relay.Parameters["Vendor"]), call, clean == 0 ? "yes" : "no",
                NumberText.Nanoseconds(relayNs), NumberText.Nanoseconds(reflectNs), NumberText.Ratio(reflectNs / relayNs), model]);
        }

        return rows.Count == 0 ? null : (Header, rows);
    }
}
