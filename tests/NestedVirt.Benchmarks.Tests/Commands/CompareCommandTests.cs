using NestedVirt.Harness.Tests.Commands;
using System.Text.Json;
using System.Text.Json.Nodes;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (int Exit, string Out, string Error) Run(params string[] args) => temp.Dispatch(new CompareCommand(), args);

    private static ResultsEnvelope Base() =>
        Envelope("aaaa", [Simple("A", Samples(100, 15)), Simple("B", Samples(10, 15))]);

    private static ResultsEnvelope Head(double center, string machine = "machine-1") =>
        Envelope("bbbb", [Simple("A", Samples(center, 15)), Simple("B", Samples(10, 15))], machineId: machine);

    private (string Base, string Head) Pair(double headCenter, string headMachine = "machine-1") =>
        (temp.Save("base.json", Base()), temp.Save("head.json", Head(headCenter, headMachine)));

    private static string OneErrorLine(string error) => Assert.Single(error.TrimEnd('\n').Split('\n'));

    [Fact]
    public void ExitCodeIsZeroWhenNothingIsSlower()
    {
        (string b, string h) = Pair(headCenter: 80);

        (int exit, string output, string error) = Run(b, h);

        Assert.Equal(0, exit);
        Assert.Contains("faster", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void ExitCodeIsOneOnARegression()
    {
        (string b, string h) = Pair(headCenter: 125);

        (int exit, string output, _) = Run(b, h);

        Assert.Equal(1, exit);
        Assert.Contains("slower", output);
    }

    [Fact]
    public void ThresholdAndNoiseFloorKeepTheirUnits()
    {
        (string b, string h) = Pair(headCenter: 103);

        Assert.Equal(0, Run(b, h, "--min-effect", "5%").Exit);
        Assert.Equal(1, Run(b, h, "--min-effect", "1%").Exit);
        Assert.Equal(1, Run(b, h, "--threshold=1").Exit);
        Assert.Equal(0, Run(b, h, "--threshold=5").Exit);
        Assert.Equal(0, Run(b, h, "--min-effect=1%", "--noise-floor", "5ns").Exit);
        Assert.Equal(0, Run(b, h, "--min-effect=1%", "--noise-floor", "0.005us").Exit);
        Assert.Equal(1, Run(b, h, "--threshold=1%", "--noise-floor", "2").Exit);
    }

    [Fact]
    public void CrossMachineIsRefusedWithExitTwoUnlessAllowed()
    {
        (string b, string h) = Pair(headCenter: 100, headMachine: "machine-2");

        (int refused, string refusedOutput, string error) = Run(b, h);
        Assert.Equal(2, refused);
        Assert.Equal("", refusedOutput);
        Assert.Equal(
            "nvbench: base and head come from different machines (machine-1 vs machine-2); pass --cross-machine to compare anyway",
            OneErrorLine(error));

        (int allowed, string output, _) = Run(b, h, "--cross-machine");
        Assert.Equal(0, allowed);
        Assert.StartsWith("CROSS-MACHINE", output);
    }

    [Fact]
    public void JsonFormatIsParseable()
    {
        (string b, string h) = Pair(headCenter: 125);

        (int exit, string output, _) = Run(b, h, "--format", "json");

        Assert.Equal(1, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("slower").GetInt32());
    }

    [Fact]
    public void RunIdPrefixesAreResolvedInTheResultsStore()
    {
        ResultsStore.Write(Base(), temp.ResultsRoot);
        ResultsStore.Write(Head(125), temp.ResultsRoot);

        (int exit, string output, string error) = Run("20260101T000000Z-a", "20260101T000000Z-bb");

        Assert.Equal("", error);
        Assert.Equal(1, exit);
        Assert.Contains("base aaaa -> head bbbb", output);
    }

    [Fact]
    public void MachineRelativeRunPathIsResolvedInTheResultsStore()
    {
        ResultsStore.Write(Base(), temp.ResultsRoot);
        ResultsStore.Write(Head(80), temp.ResultsRoot);

        Assert.Equal(0, Run("machine-1/20260101T000000Z-aaaa", "machine-1/20260101T000000Z-bbbb.json").Exit);
    }

    [Fact]
    public void AmbiguousRunIdPrefixIsOneLineAndExitTwo()
    {
        ResultsStore.Write(Base(), temp.ResultsRoot);
        ResultsStore.Write(Head(125), temp.ResultsRoot);

        (int exit, string output, string error) = Run("20260101T", "20260101T000000Z-bbbb");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(
            "nvbench: '20260101T' is ambiguous: machine-1/20260101T000000Z-aaaa.json, machine-1/20260101T000000Z-bbbb.json",
            OneErrorLine(error));
    }

    public static TheoryData<string, string, string> CorruptFiles() => new()
    {
        { "not-json.json", "this is not json", "is not valid JSON at line 1" },
        { "empty.json", "", "is empty" },
        { "null.json", "null", "is not a results envelope" },
        { "newer-schema.json", Mutated(root => root["schemaVersion"] = 99), "has schema version 99, newer than" },
        { "null-benchmarks.json", Mutated(root => root["benchmarks"] = null), "is missing required field 'benchmarks'" },
        { "no-id.json", Mutated(root => root["benchmarks"]![0]!["id"] = ""), "field 'benchmarks[0].id' is empty" },
        { "wrong-type.json", Mutated(root => root["benchmarks"]![0]!["samplesNs"] = "abc"), "has a bad value at line" },
        { "negative.json", Mutated(root => root["benchmarks"]![0]!["samplesNs"] = new JsonArray(1, -2)), "'benchmarks[0].samplesNs[1]' should be a finite number" },
        { "duplicate-id.json", Mutated(root => root["benchmarks"]![1]!["id"] = "synthetic/a"), "lists benchmark id 'synthetic/a' twice" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void CorruptResultsFileIsOneLineNamingTheFileAndExitTwo(string name, string content, string problem)
    {
        (string b, _) = Pair(headCenter: 100);
        string bad = temp.File(name);
        File.WriteAllText(bad, content);

        (int exit, string output, string error) = Run(b, bad);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string line = OneErrorLine(error);
        Assert.StartsWith($"nvbench: results file '{bad}' ", line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void TruncatedResultsFileIsOneLineAndExitTwo()
    {
        (string b, string h) = Pair(headCenter: 100);
        string full = File.ReadAllText(h);
        string truncated = temp.File("truncated.json");
        File.WriteAllText(truncated, full[..(full.Length / 2)]);

        (int exit, _, string error) = Run(b, truncated);

        Assert.Equal(2, exit);
        Assert.StartsWith($"nvbench: results file '{truncated}' is truncated", OneErrorLine(error));
    }

    [Fact]
    public void MissingFileIsOneLineAndExitTwo()
    {
        (string b, _) = Pair(headCenter: 100);
        string missing = temp.File("missing.json");

        (int exit, _, string error) = Run(b, missing);

        Assert.Equal(2, exit);
        Assert.Equal($"nvbench: results file '{missing}' does not exist", OneErrorLine(error));
    }

    [Theory]
    [InlineData("--threshold", "five", "nvbench: option --threshold: 'five' is not a percentage, e.g. 5% or 5")]
    [InlineData("--threshold", "5s", "nvbench: option --threshold: '5s' is not a percentage, e.g. 5% or 5")]
    [InlineData("--alpha", "0.7", "nvbench: option --alpha: alpha must be in (0, 0.5)")]
    [InlineData("--noise-floor", "-1ns", "nvbench: option --noise-floor: -1ns is below the minimum 0ns")]
    [InlineData("--noise-floor", "1kg", "nvbench: option --noise-floor: '1kg' is not a time, e.g. 0.5ns, 2us, 120ms or 1s")]
    [InlineData("--format", "html", "nvbench: option --format: 'html' is not one of text, md, json")]
    [InlineData("--bogus", "1", "nvbench: unknown option --bogus")]
    public void BadOptionIsOneLineAndExitTwo(string option, string value, string expected)
    {
        (string b, string h) = Pair(headCenter: 100);

        (int exit, string output, string error) = Run(b, h, option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(expected, OneErrorLine(error));
    }

    [Theory]
    [InlineData(new[] { "only-one.json" }, "nvbench: missing argument <HEAD>")]
    [InlineData(new[] { "a.json", "b.json", "c.json" }, "nvbench: unexpected argument 'c.json'")]
    public void WrongNumberOfArgumentsIsExitTwo(string[] args, string expected)
    {
        (int exit, _, string error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(expected, OneErrorLine(error));
    }

    [Fact]
    public void HelpIsExitZero()
    {
        (int exit, string output, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.StartsWith("usage: nvbench compare", output);
    }

    private static string Mutated(Action<JsonObject> change)
    {
        JsonObject root = JsonNode.Parse(ResultsJson.Serialize(Base()))!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
