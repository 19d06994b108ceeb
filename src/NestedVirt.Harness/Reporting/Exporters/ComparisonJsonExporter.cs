using System.Text.Encodings.Web;
using System.Text.Json;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>A comparison as indented camelCase JSON; undefined numbers are <c>null</c>.</summary>
public sealed class ComparisonJsonExporter : IReportExporter
{
    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public string FileExtension => "json";

    /// <inheritdoc/>
    public void Export(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        ComparisonReport report = model.RequireComparison(Name);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("crossMachine", report.CrossMachine);
            json.WriteStartObject("base");
            json.WriteString("commit", report.BaseCommit);
            json.WriteString("machineId", report.BaseMachineId);
            json.WriteEndObject();
            json.WriteStartObject("head");
            json.WriteString("commit", report.HeadCommit);
            json.WriteString("machineId", report.HeadMachineId);
            json.WriteEndObject();
            json.WriteStartObject("options");
            json.WriteNumber("minEffectPercent", report.Options.MinEffectPercent);
            json.WriteNumber("noiseFloorNs", report.Options.NoiseFloorNs);
            json.WriteNumber("alpha", report.Options.Alpha);
            json.WriteNumber("looks", report.Options.Looks);
            json.WriteNumber("intervalConfidence", report.Options.IntervalConfidence);
            json.WriteNumber("minimumSamplesPerSide", report.Options.MinimumSamplesPerSide);
            json.WriteEndObject();
            json.WriteStartArray("benchmarks");
            foreach (BenchmarkComparison b in report.Benchmarks)
            {
                json.WriteStartObject();
                WriteKey(json, b.Key);
                json.WriteString("verdict", Verdict(b.Verdict));
                Number(json, "baseMedianNs", b.BaseMedianNs);
                Number(json, "headMedianNs", b.HeadMedianNs);
                Number(json, "ratio", b.Ratio);
                Number(json, "ratioLower", b.Interval.Lower);
                Number(json, "ratioUpper", b.Interval.Upper);
                json.WriteBoolean("decided", b.Decided);
                json.WriteNumber("baseSamples", b.BaseSamples);
                json.WriteNumber("headSamples", b.HeadSamples);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("modelChanges");
            foreach (ModelChange change in report.ModelChanges)
            {
                json.WriteStartObject();
                json.WriteString("id", change.Key.Id);
                json.WriteStartArray("counters");
                foreach (CounterChange c in change.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("name", c.Name);
                    Number(json, "base", c.BaseValue ?? double.NaN);
                    Number(json, "head", c.HeadValue ?? double.NaN);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Ids(json, "added", report.Added);
            Ids(json, "removed", report.Removed);
            json.WriteStartObject("summary");
            json.WriteNumber("slower", report.Count(ComparisonVerdict.Slower));
            json.WriteNumber("faster", report.Count(ComparisonVerdict.Faster));
            json.WriteNumber("same", report.Count(ComparisonVerdict.Same) - report.Unsure);
            json.WriteNumber("unsure", report.Unsure);
            json.WriteNumber("insufficientData", report.Count(ComparisonVerdict.InsufficientData));
            json.WriteNumber("modelChanges", report.ModelChanges.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    /// <summary>The JSON spelling of a verdict: <c>faster</c>, <c>slower</c>, <c>same</c>, <c>insufficientData</c>.</summary>
    /// <param name="verdict">The verdict.</param>
    public static string Verdict(ComparisonVerdict verdict) => JsonNamingPolicy.CamelCase.ConvertName(verdict.ToString());

    private static void WriteKey(Utf8JsonWriter json, BenchmarkKey key)
    {
        json.WriteString("id", key.Id);
        json.WriteString("suite", key.Suite);
        json.WriteString("method", key.Method);
        json.WriteStartObject("parameters");
        foreach (KeyValuePair<string, string> p in key.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(p.Key, p.Value);
        }

        json.WriteEndObject();
    }

    private static void Ids(Utf8JsonWriter json, string name, IReadOnlyList<BenchmarkKey> keys)
    {
        json.WriteStartArray(name);
        foreach (BenchmarkKey key in keys)
        {
            json.WriteStringValue(key.Id);
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
