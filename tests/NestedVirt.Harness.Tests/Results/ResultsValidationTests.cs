using System.Text.Json.Nodes;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Harness.Tests.Results;

/// <summary>
/// Issue 11 item 8: samples of 1e40 ns passed validation and then compare and cover-letter
/// aborted with a stack trace; <c>compare /dev/zero</c> ran out of memory. Every number is
/// checked on load against a range a real run can produce, and reads are bounded.
/// </summary>
public sealed class ResultsValidationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string, object?, string> OutOfRangeNumbers => new()
    {
        { "samplesNs", 1e40, "field 'benchmarks[0].samplesNs[0]' should be a finite number of ns from 0 to 1000000000000, not 1E+40" },
        { "medianNs", 1e40, "field 'benchmarks[0].medianNs' should be a finite number of ns from 0 to 1000000000000, not 1E+40" },
        { "meanNs", -1.0, "field 'benchmarks[0].meanNs' should be a finite number of ns from 0 to 1000000000000, not -1" },
        { "modelledNs", "Infinity", "field 'benchmarks[0].modelledNs' should be a finite number of ns from 0 to 1000000000000, not \"Infinity\"" },
        { "allocatedBytesPerOp", 1.5, "field 'benchmarks[0].allocatedBytesPerOp' should be a whole number of bytes from 0 to 1000000000000, not 1.5" },
        { "counters", 1e300, "field 'benchmarks[0].counters.WorldSwitches' should be a finite count from 0 to 1000000000000, not 1E+300" },
        { "loadAverage1", -0.5, "field 'state.loadAverage1' should be a finite load from 0 to 1000000, not -0.5" },
        { "logicalCores", 1e7, "field 'machine.logicalCores' should be a whole number of CPUs from 0 to 1000000, not 10000000" },
        { "nanosecondsPerEvent", "NaN", "field 'costTable.nanosecondsPerEvent.WorldSwitches' should be a finite number of ns from 0 to 1000000000000, not \"NaN\"" },
        { "instructionsPerOp", 1e20, "field 'instructionCounts[0].instructionsPerOp' should be a finite count from 0 to 1000000000000, not 1E+20" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeNumbers))]
    public void ANumberNoRunCanProduceIsNamedOnLoad(string field, object? value, string expected)
    {
        string path = temp.File("bad.json");
        File.WriteAllText(path, Mutate(root => Set(root, field, value)));

        HarnessException e = Assert.Throws<HarnessException>(() => ResultsStore.Load(path));

        Assert.Equal($"results file '{path}' {expected}", e.Message);
    }

    [Fact]
    public void AnEndlessFileIsRefusedAfterTheLimitNotReadToTheEnd()
    {
        HarnessException e = Assert.Throws<HarnessException>(() => ResultsStore.Load("/dev/zero"));

        Assert.Equal("results file '/dev/zero' is larger than 64 MiB; a results file is a few MB at most", e.Message);
    }

    [Fact]
    public void ALargeRegularFileIsRefusedWithoutReadingIt()
    {
        string path = temp.File("sparse.json");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(BoundedFile.DefaultLimitBytes + 1);
        }

        HarnessException e = Assert.Throws<HarnessException>(() => ResultsStore.Load(path));

        Assert.Contains("is larger than 64 MiB", e.Message);
    }

    [Fact]
    public void TooManySamplesAreRefused()
    {
        string path = temp.File("many.json");
        File.WriteAllText(path, Mutate(root =>
        {
            var samples = new JsonArray();
            for (int i = 0; i <= ResultsLimits.MaxSamples; i++)
            {
                samples.Add(1.0);
            }

            root["benchmarks"]![0]!["samplesNs"] = samples;
        }));

        HarnessException e = Assert.Throws<HarnessException>(() => ResultsStore.Load(path));

        Assert.Contains($"field 'benchmarks[0].samplesNs' holds more than {ResultsLimits.MaxSamples} samples", e.Message);
    }

    [Fact]
    public void TheCommittedResultsFilesPassEveryCheck()
    {
        string root = RepositoryResults();
        foreach (string file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            if (!file.Contains("baseline", StringComparison.Ordinal))
            {
                ResultsStore.Load(file);
            }
        }
    }

    private static string RepositoryResults() =>
        Path.Combine(RepositoryLocator.Find(AppContext.BaseDirectory), "results");

    private static void Set(JsonObject root, string field, object? value)
    {
        JsonNode? node = value switch
        {
            double d => JsonValue.Create(d),
            string s => JsonValue.Create(s),
            _ => null,
        };
        JsonObject first = root["benchmarks"]![0]!.AsObject();
        switch (field)
        {
            case "samplesNs":
                first["samplesNs"] = new JsonArray(node, JsonValue.Create(1.0));
                break;
            case "counters":
                first["counters"]!["WorldSwitches"] = node;
                break;
            case "loadAverage1":
                root["state"]!["loadAverage1"] = node;
                break;
            case "logicalCores":
                root["machine"]!["logicalCores"] = node;
                break;
            case "nanosecondsPerEvent":
                root["costTable"]!["nanosecondsPerEvent"]!["WorldSwitches"] = node;
                break;
            case "instructionsPerOp":
                root["instructionCounts"]![0]!["instructionsPerOp"] = node;
                break;
            default:
                first[field] = node;
                break;
        }
    }

    private static string Mutate(Action<JsonObject> change)
    {
        JsonObject root = JsonNode.Parse(ResultsJson.Serialize(EnvelopeSamples.Full()))!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
