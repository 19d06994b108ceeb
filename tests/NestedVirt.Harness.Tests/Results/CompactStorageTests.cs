using System.Text.Json;
using System.Text.Json.Nodes;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class CompactStorageTests
{
    [Fact]
    public void StoredFileKeepsTheEnvelopeReadableAndPacksTheReports()
    {
        using var scratch = new ScratchFolder();

        string text = File.ReadAllText(ResultsStore.Write(EnvelopeSamples.Full(), scratch.Path));

        Assert.Contains("\n  \"schemaVersion\": 1,\n", text);
        Assert.Contains("\"samplesNs\": [101.5, 99.25, 0.001, 123456.789],\n", text);
        Assert.Contains("\"categories\": [\"relay\", \"hypercall\"],\n", text);
        Assert.DoesNotContain("\"benchmarkDotNet\":", text);
        Assert.DoesNotContain("HostEnvironmentInfo", text);
        using JsonDocument file = JsonDocument.Parse(text);
        JsonElement packed = file.RootElement.GetProperty(PackedReports.FieldName);
        Assert.Equal(PackedReports.Encoding, packed.GetProperty("encoding").GetString());
    }

    [Fact]
    public void PackedReportsLoadBackAsTheReportsThatWereStored()
    {
        using var scratch = new ScratchFolder();
        ResultsEnvelope original = EnvelopeSamples.Full();

        ResultsEnvelope loaded = ResultsStore.Load(ResultsStore.Write(original, scratch.Path));

        Assert.Equal(
            JsonSerializer.Serialize(original.BenchmarkDotNet),
            JsonSerializer.Serialize(loaded.BenchmarkDotNet));
    }

    [Fact]
    public void FileWrittenBeforePackingStillLoadsWithItsReports()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("m/old.json", ResultsJson.Serialize(EnvelopeSamples.Full()));

        ResultsEnvelope loaded = ResultsStore.Load(path);

        JsonElement report = Assert.Single(loaded.BenchmarkDotNet);
        Assert.Equal("AMD EPYC", report.GetProperty("HostEnvironmentInfo").GetProperty("ProcessorName").GetString());
    }

    [Fact]
    public void RunWithoutReportsStoresNoPackedField()
    {
        using var scratch = new ScratchFolder();
        ResultsEnvelope bare = ResultsJson.Deserialize<ResultsEnvelope>(
            ResultsJson.Serialize(EnvelopeSamples.Full()).Replace("\"benchmarkDotNet\"", "\"ignoredReports\"", StringComparison.Ordinal))!;

        string path = ResultsStore.Write(bare, scratch.Path);

        Assert.DoesNotContain(PackedReports.FieldName, File.ReadAllText(path));
        Assert.Empty(ResultsStore.Load(path).BenchmarkDotNet);
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "encoding", "has encoding 'zstd+base64'" },
        { "data", "is not valid base64" },
        { "jsonBytes", "does not decompress to the 7 bytes it declares" },
        { "shape", "should be an object with encoding, jsonBytes and data" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void CorruptPackedReportsAreOneLineNamingFileAndField(string corruption, string expected)
    {
        using var scratch = new ScratchFolder();
        string path = ResultsStore.Write(EnvelopeSamples.Full(), scratch.Path);
        JsonObject root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        JsonObject packed = root[PackedReports.FieldName]!.AsObject();
        switch (corruption)
        {
            case "encoding": packed["encoding"] = "zstd+base64"; break;
            case "data": packed["data"] = "not base64!"; break;
            case "jsonBytes": packed["jsonBytes"] = 7; break;
            default: root[PackedReports.FieldName] = "packed"; break;
        }

        string bad = scratch.Write("bad.json", root.ToJsonString());

        var ex = Assert.Throws<HarnessException>(() => ResultsStore.Load(bad));
        Assert.Contains($"results file '{bad}' field '{PackedReports.FieldName}' {expected}", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
