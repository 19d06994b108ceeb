using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>
/// A run in github-action-benchmark's custom "smaller is better" format (its README, "Examples
/// for custom benchmarks"; <c>tool: customSmallerIsBetter</c>): a JSON array with one object per
/// benchmark, <c>name</c> (the benchmark's name), <c>unit</c> (<c>ns</c>), <c>value</c> (the
/// median ns/op, not BenchmarkDotNet's mean that its <c>benchmarkdotnet</c> extractor takes),
/// <c>range</c> (plus or minus half the interquartile range) and <c>extra</c> (samples,
/// allocation, modelled latency and the model counters, which the action shows in its chart
/// tooltips). The same numbers follow as fields the action ignores (<c>samples</c>,
/// <c>allocatedBytesPerOp</c>, <c>modelledNs</c>, <c>counters</c>) for other readers.
/// </summary>
public sealed class GitHubActionBenchmarkExporter : IReportExporter
{
    /// <inheritdoc/>
    public string Name => "github-action-benchmark";

    /// <inheritdoc/>
    public string FileExtension => "json";

    /// <inheritdoc/>
    public void Export(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (BenchmarkResult b in model.Head.Benchmarks.OrderBy(b => b.Id, StringComparer.Ordinal))
            {
                double median = SampleMedian.Of(b);
                if (!double.IsFinite(median))
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("name", b.Id);
                json.WriteString("unit", "ns");
                json.WriteNumber("value", median);
                if (HalfInterquartileRange(b.SamplesNs) is { } spread)
                {
                    json.WriteString("range", "± " + NumberText.Plain(spread));
                }

                json.WriteString("extra", Extra(b));
                json.WriteNumber("samples", b.SamplesNs.Length);
                if (b.AllocatedBytesPerOp is { } allocated)
                {
                    json.WriteNumber("allocatedBytesPerOp", allocated);
                }

                if (b.ModelledNs is { } modelled)
                {
                    json.WriteNumber("modelledNs", modelled);
                }

                json.WriteStartObject("counters");
                foreach ((string name, double value) in b.Counters.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    json.WriteNumber(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    private static string Extra(BenchmarkResult b)
    {
        var parts = new List<string> { $"median of {b.SamplesNs.Length} iterations" };
        if (b.AllocatedBytesPerOp is { } allocated)
        {
            parts.Add($"{allocated.ToString(CultureInfo.InvariantCulture)} B/op");
        }

        if (b.ModelledNs is { } modelled)
        {
            parts.Add($"model {NumberText.Integer(modelled)} ns");
        }

        var counters = b.Counters.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {NumberText.Plain(c.Value)}").ToList();
        if (counters.Count > 0)
        {
            parts.Add("counters: " + string.Join(", ", counters));
        }

        return string.Join("; ", parts);
    }

    private static double? HalfInterquartileRange(double[] samples) =>
        samples.Length < 2 ? null : (SampleMedian.Quantile(samples, 0.75) - SampleMedian.Quantile(samples, 0.25)) / 2;
}
