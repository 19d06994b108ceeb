using System.Text.Json.Nodes;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class ResultsStoreLoadTests
{
    [Fact]
    public void MissingFileIsNamed()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Combine("nope.json");

        AssertOneLineNaming(path, "does not exist", () => ResultsStore.Load(path));
    }

    [Fact]
    public void EmptyFileIsNamed()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("empty.json", " \n");

        AssertOneLineNaming(path, "is empty", () => ResultsStore.Load(path));
    }

    [Fact]
    public void CorruptJsonGivesLineAndByte()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("corrupt.json", "{\n  \"schemaVersion\": 1,\n  oops\n}\n");

        HarnessException ex = AssertOneLineNaming(path, "is not valid JSON at line 3, byte 3", () => ResultsStore.Load(path));

        Assert.DoesNotContain("LineNumber", ex.Message);
    }

    public static TheoryData<double> CutPoints => new() { 0.1, 0.33, 0.5, 0.77, 0.999 };

    [Theory]
    [MemberData(nameof(CutPoints))]
    public void TruncatedFileIsReportedAsTruncated(double fraction)
    {
        using var scratch = new ScratchFolder();
        string full = ResultsJson.Serialize(EnvelopeSamples.Full()).TrimEnd();
        string path = scratch.Write("cut.json", full[..(int)(full.Length * fraction)]);

        AssertOneLineNaming(path, "is truncated", () => ResultsStore.Load(path));
    }

    [Theory]
    [InlineData(2, "schema version 2, newer than the 1 this nvbench reads")]
    [InlineData(0, "unsupported schema version 0")]
    public void WrongSchemaVersionIsNamed(int version, string expected)
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("v.json", Mutate(root => root["schemaVersion"] = version));

        AssertOneLineNaming(path, expected, () => ResultsStore.Load(path));
    }

    public static TheoryData<string, string> RequiredFields => new()
    {
        { "schemaVersion", "missing required field 'schemaVersion'" },
        { "timestampUtc", "missing required field 'timestampUtc'" },
        { "machineId", "missing required field 'machineId'" },
        { "git", "missing required field 'git'" },
        { "git.commit", "missing required field 'git.commit'" },
        { "benchmarks", "missing required field 'benchmarks'" },
        { "benchmarks[0].id", "missing required field 'benchmarks[0].id'" },
    };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void MissingRequiredFieldIsNamed(string field, string expected)
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("m.json", Mutate(root =>
        {
            switch (field)
            {
                case "git.commit":
                    root["git"]!.AsObject().Remove("commit");
                    break;
                case "benchmarks[0].id":
                    root["benchmarks"]![0]!.AsObject().Remove("id");
                    break;
                default:
                    root.Remove(field);
                    break;
            }
        }));

        AssertOneLineNaming(path, expected, () => ResultsStore.Load(path));
    }

    public static TheoryData<string, string> BadBenchmarkValues => new()
    {
        { "negative-sample", "field 'benchmarks[0].samplesNs[1]' should be a finite number of ns from 0 to 1000000000000, not -2" },
        { "string-sample", "field 'benchmarks[0].samplesNs[0]' should be a finite number of ns from 0 to 1000000000000, not \"NaN\"" },
        { "empty-id", "field 'benchmarks[0].id' is empty" },
        { "duplicate-id", "lists benchmark id 'rvr/intel/relayed' twice (again at 'benchmarks[1]')" },
    };

    [Theory]
    [MemberData(nameof(BadBenchmarkValues))]
    public void BenchmarkThatCannotBeComparedIsNamed(string change, string expected)
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("b.json", Mutate(root =>
        {
            JsonObject first = root["benchmarks"]![0]!.AsObject();
            switch (change)
            {
                case "negative-sample":
                    first["samplesNs"] = new JsonArray(1.5, -2);
                    break;
                case "string-sample":
                    first["samplesNs"] = new JsonArray("NaN");
                    break;
                case "empty-id":
                    first["id"] = " ";
                    break;
                default:
                    root["benchmarks"]!.AsArray().Add(first.DeepClone());
                    break;
            }
        }));

        AssertOneLineNaming(path, expected, () => ResultsStore.Load(path));
    }

    [Fact]
    public void NullRequiredFieldCountsAsMissing()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("n.json", Mutate(root => root["machineId"] = null));

        AssertOneLineNaming(path, "missing required field 'machineId'", () => ResultsStore.Load(path));
    }

    [Fact]
    public void WrongFieldTypeNamesTheField()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("t.json", Mutate(root => root["benchmarks"]![0]!["suite"] = 5));

        HarnessException ex = AssertOneLineNaming(path, "has a bad value at line 1, byte ", () => ResultsStore.Load(path));

        Assert.Contains("in field $.benchmarks[0].suite", ex.Message);
    }

    [Fact]
    public void TopLevelArrayIsNotAnEnvelope()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("a.json", "[1, 2]");

        AssertOneLineNaming(path, "is not a results envelope", () => ResultsStore.Load(path));
    }

    [Fact]
    public void UnknownFieldsOfTheSameSchemaAreIgnored()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Write("u.json", Mutate(root => root["addedLater"] = "x"));

        Assert.Equal("amd-epyc-2cpu-0badcafe", ResultsStore.Load(path).MachineId);
    }

    [Fact]
    public void ByteOrderMarkIsAccepted()
    {
        using var scratch = new ScratchFolder();
        string path = scratch.Combine("bom.json");
        File.WriteAllText(path, ResultsJson.Serialize(EnvelopeSamples.Full()), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("quick", ResultsStore.Load(path).Job);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        JsonObject root = JsonNode.Parse(ResultsJson.Serialize(EnvelopeSamples.Full()))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static HarnessException AssertOneLineNaming(string path, string expected, Action load)
    {
        var ex = Assert.Throws<HarnessException>(load);
        Assert.Contains($"'{path}'", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(2, ex.ExitCode);
        return ex;
    }
}
