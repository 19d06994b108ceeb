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
    /// <summary>Title and table lines; empty when the run has no relay-versus-reflection pair.</summary>
    /// <param name="run">The run.</param>
    /// <param name="width">Maximum line length, indent included.</param>
    /// <param name="indent">Prefix of every table line.</param>
    public static IReadOnlyList<string> Lines(ResultsEnvelope run, int width, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = new SortedDictionary<(int Vendor, string Call, int Clean), (BenchmarkResult? Relay, BenchmarkResult? Reflect)>();
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
            (BenchmarkResult? relay, BenchmarkResult? reflect) = rows.GetValueOrDefault(key);
            rows[key] = path == "Relayed" ? (b, reflect) : path == "Reflected" ? (relay, b) : (relay, reflect);
        }

        var table = new TextTable(width, indent)
            .AddColumn("vendor", TextAlignment.Left)
            .AddColumn("call", TextAlignment.Left)
            .AddColumn("clean", TextAlignment.Left)
            .AddColumn("relay", TextAlignment.Right)
            .AddColumn("reflect", TextAlignment.Right)
            .AddColumn("ratio", TextAlignment.Right)
            .AddColumn("model relay/reflect", TextAlignment.Right);
        int count = 0;
        foreach (((int vendor, string call, int clean), (BenchmarkResult? relay, BenchmarkResult? reflect)) in rows)
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
            table.AddRow([ParameterText.Vendor(relay.Parameters["Vendor"]), call, clean == 0 ? "yes" : "no",
                NumberText.Nanoseconds(relayNs), NumberText.Nanoseconds(reflectNs), NumberText.Ratio(reflectNs / relayNs), model]);
            count++;
        }

        if (count == 0)
        {
            return [];
        }

        return ["Relay vs reflection, one L2 hypercall exit (median ns/op; ratio =", "reflect/relay; model = ns on hardware from counters x cost table):", .. table.RenderLines()];
    }
}
