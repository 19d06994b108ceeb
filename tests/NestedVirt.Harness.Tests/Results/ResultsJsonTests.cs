using System.Text.Json;
using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class ResultsJsonTests
{
    [Fact]
    public void SampleEnvelopeSetsEveryProperty()
    {
        ObjectGraph.AssertNoDefaults(EnvelopeSamples.Full());
    }

    [Fact]
    public void EveryEnvelopeFieldSurvivesJsonRoundTrip()
    {
        ResultsEnvelope original = EnvelopeSamples.Full();

        ResultsEnvelope? loaded = ResultsJson.Deserialize<ResultsEnvelope>(ResultsJson.Serialize(original));

        ObjectGraph.AssertEqual(original, loaded);
    }

    [Fact]
    public void EveryEnvelopeFieldSurvivesStoreWriteAndLoad()
    {
        using var scratch = new ScratchFolder();
        ResultsEnvelope original = EnvelopeSamples.Full();

        string path = ResultsStore.Write(original, scratch.Path);

        ObjectGraph.AssertEqual(original, ResultsStore.Load(path));
    }

    [Fact]
    public void PropertiesAreCamelCaseAndDictionaryKeysKeptAsWritten()
    {
        using JsonDocument json = JsonDocument.Parse(ResultsJson.Serialize(EnvelopeSamples.Full()));
        JsonElement root = json.RootElement;

        Assert.True(root.TryGetProperty("schemaVersion", out _));
        Assert.True(root.GetProperty("git").TryGetProperty("shortCommit", out _));
        Assert.True(root.GetProperty("costTable").GetProperty("nanosecondsPerEvent").TryGetProperty("WorldSwitches", out _));
        Assert.True(root.GetProperty("state").GetProperty("kvmParameters").TryGetProperty("kvm_amd.nested", out _));
    }

    [Fact]
    public void OutputIsIndentedAndEndsWithNewline()
    {
        string text = ResultsJson.Serialize(EnvelopeSamples.Full());

        Assert.Contains("\n  \"schemaVersion\": 1,", text);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void EnumsAreWrittenAsCamelCaseStrings()
    {
        string text = ResultsJson.Serialize(new MachineCheck("aslr", CheckStatus.NotAvailable, "x"));

        Assert.Contains("\"status\": \"notAvailable\"", text);
        Assert.Equal(CheckStatus.Warn, ResultsJson.Deserialize<MachineCheck>("""{"name":"a","status":"warn","detail":"d"}""")!.Status);
    }

    [Fact]
    public void NumbersUseInvariantFormatAndNaNIsWritable()
    {
        var result = new BenchmarkResult { Id = "x", MedianNs = 1234.5, MeanNs = double.NaN };

        string text = ResultsJson.Serialize(result);

        Assert.Contains("\"medianNs\": 1234.5", text);
        Assert.Contains("\"meanNs\": \"NaN\"", text);
        Assert.True(double.IsNaN(ResultsJson.Deserialize<BenchmarkResult>(text)!.MeanNs));
    }
}
