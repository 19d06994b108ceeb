using System.Text.Json;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Tests.Reporting.Exporters;

/// <summary>
/// The export read back with the schema github-action-benchmark documents for its custom tools
/// (README "Examples for custom benchmarks"; its extractor's zod schema, src/extract.ts): an
/// array of objects with a string <c>name</c>, a number <c>value</c>, a string <c>unit</c>, and
/// optional strings <c>range</c> and <c>extra</c>.
/// </summary>
public sealed class GitHubActionBenchmarkExporterTests
{
    private static JsonElement Export(ResultsEnvelope run)
    {
        var text = new StringWriter();
        new GitHubActionBenchmarkExporter().Export(ReportModel.Of(run), text);
        using JsonDocument document = JsonDocument.Parse(text.ToString());
        return document.RootElement.Clone();
    }

    [Fact]
    public void EveryBenchmarkIsAnEntryOfTheCustomFormatNamedAndValuedByItsMedian()
    {
        ResultsEnvelope run = ReportFixture.Run();

        JsonElement entries = Export(run);

        Assert.Equal(JsonValueKind.Array, entries.ValueKind);
        Assert.Equal(run.Benchmarks.Select(b => b.Id).Order(StringComparer.Ordinal), entries.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        foreach (JsonElement entry in entries.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, entry.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.Number, entry.GetProperty("value").ValueKind);
            Assert.Equal("ns", entry.GetProperty("unit").GetString());
            Assert.Equal(JsonValueKind.String, entry.GetProperty("range").ValueKind);
            Assert.Equal(JsonValueKind.String, entry.GetProperty("extra").ValueKind);
            BenchmarkResult result = run.Benchmarks.Single(b => b.Id == entry.GetProperty("name").GetString());
            Assert.Equal(SampleMedian.Of(result), entry.GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public void CountersAllocationAndModelTravelInExtraAndAsFieldsTheActionIgnores()
    {
        JsonElement entry = Export(ReportFixture.Run()).EnumerateArray().Single(e => e.GetProperty("name").GetString() == "rvr/intel/postmessage/reflected/clean");

        Assert.Equal("median of 15 iterations; 0 B/op; model 1721 ns; counters: vmcsFieldsCopied 8, worldSwitches 6", entry.GetProperty("extra").GetString());
        Assert.Equal(15, entry.GetProperty("samples").GetInt32());
        Assert.Equal(0, entry.GetProperty("allocatedBytesPerOp").GetInt64());
        Assert.Equal(1721, entry.GetProperty("modelledNs").GetDouble());
        Assert.Equal(8, entry.GetProperty("counters").GetProperty("vmcsFieldsCopied").GetDouble());
    }
}
