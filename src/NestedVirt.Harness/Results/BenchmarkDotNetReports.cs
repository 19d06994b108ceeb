using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NestedVirt.Harness.Results;

/// <summary>
/// BenchmarkDotNet's own full JSON reports kept in a stored run, named as BenchmarkDotNet names
/// them. This is the one place that reads them out of a results file, so a change in how runs
/// store them (compressed, or in files apart) is a change here only.
/// </summary>
public static class BenchmarkDotNetReports
{
    /// <summary>The suffix BenchmarkDotNet's full JSON exporter gives its files.</summary>
    public const string FullJsonSuffix = "-report-full.json";

    /// <summary>The run's reports, in the order stored.</summary>
    /// <param name="run">A stored run.</param>
    public static IReadOnlyList<BenchmarkDotNetReport> Read(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var reports = new List<BenchmarkDotNetReport>(run.BenchmarkDotNet.Count);
        foreach (JsonElement report in run.BenchmarkDotNet)
        {
            reports.Add(new BenchmarkDotNetReport(FileName(report), report));
        }

        return reports;
    }

    /// <summary>
    /// The reports as one, as BenchmarkDotNet's <c>--join</c> writes it: one <c>Benchmarks</c>
    /// array, the first report's host information, and the title and file name BenchmarkDotNet
    /// gives a joined summary (<c>BenchmarkRun-joined-&lt;local time&gt;</c>; the run's start here).
    /// </summary>
    /// <param name="reports">Reports of one run.</param>
    /// <param name="started">When the run started.</param>
    public static BenchmarkDotNetReport Join(IReadOnlyList<BenchmarkDotNetReport> reports, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            throw new ArgumentException("nothing to join", nameof(reports));
        }

        string title = "BenchmarkRun-joined-" + started.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Title", title);
            foreach (JsonProperty property in reports[0].Json.EnumerateObject())
            {
                if (property.Name is not ("Title" or "Benchmarks"))
                {
                    property.WriteTo(json);
                }
            }

            json.WriteStartArray("Benchmarks");
            foreach (BenchmarkDotNetReport report in reports)
            {
                if (report.Json.TryGetProperty("Benchmarks", out JsonElement benchmarks) && benchmarks.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement benchmark in benchmarks.EnumerateArray())
                    {
                        benchmark.WriteTo(json);
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        using JsonDocument joined = JsonDocument.Parse(stream.ToArray());
        return new BenchmarkDotNetReport(Escape(title) + FullJsonSuffix, joined.RootElement.Clone());
    }

    // BenchmarkDotNet (ExporterBase.GetFileName, v0.15.8): a report of one benchmark class is
    // named after the class with its namespace, any other after the summary's title; file-name
    // characters that are invalid, and < > :, become '_' (FolderNameHelper.Escape).
    private static string FileName(JsonElement report)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        if (report.TryGetProperty("Benchmarks", out JsonElement benchmarks) && benchmarks.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement benchmark in benchmarks.EnumerateArray())
            {
                string ns = Text(benchmark, "Namespace");
                string type = Text(benchmark, "Type");
                types.Add(ns.Length == 0 ? type : ns + "." + type);
            }
        }

        string name = types.Count == 1 ? types.First() : Text(report, "Title");
        return Escape(name.Length == 0 ? "BenchmarkRun" : name) + FullJsonSuffix;
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";

    private static string Escape(string name)
    {
        var builder = new StringBuilder(name);
        foreach (char invalid in Path.GetInvalidFileNameChars())
        {
            builder.Replace(invalid, '_');
        }

        return builder.Replace('<', '_').Replace('>', '_').Replace(':', '_').ToString();
    }
}

/// <summary>One of BenchmarkDotNet's full JSON reports.</summary>
/// <param name="FileName">The file name BenchmarkDotNet gives it, e.g. <c>NestedVirt.Benchmarks.Paging.NestedWalk-report-full.json</c>.</param>
/// <param name="Json">The report, unmodified.</param>
public sealed record BenchmarkDotNetReport(string FileName, JsonElement Json);
