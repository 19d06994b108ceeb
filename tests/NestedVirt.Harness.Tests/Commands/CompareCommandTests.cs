using System.Text.Json;
using NestedVirt.Harness.Commands;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Commands;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly CompareCommand command = new();

    public void Dispose() => temp.Dispose();

    private string Save(string name, ResultsEnvelope envelope)
    {
        string path = temp.File(name);
        EnvelopeFiles.Save(path, envelope);
        return path;
    }

    private (int Exit, string Out, string Error) Run(params string[] args)
    {
        (var context, StringWriter output, StringWriter error) = temp.Context();
        int exit = command.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    private (string Base, string Head) Pair(double headCenter, string headMachine = "machine-1") => (
        Save("base.json", Envelope("aaaa", [Simple("A", Samples(100, 15)), Simple("B", Samples(10, 15))])),
        Save("head.json", Envelope("bbbb", [Simple("A", Samples(headCenter, 15)), Simple("B", Samples(10, 15))], machineId: headMachine)));

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

        Assert.Equal(1, Run(b, h).Exit);
    }

    [Fact]
    public void ThresholdOptionDecidesTheVerdict()
    {
        (string b, string h) = Pair(headCenter: 103);

        Assert.Equal(0, Run(b, h).Exit);
        Assert.Equal(1, Run(b, h, "--threshold", "1%").Exit);
        Assert.Equal(0, Run(b, h, "--threshold=1%", "--noise-floor", "5ns").Exit);
    }

    [Fact]
    public void CrossMachineIsRefusedWithExitTwoUnlessAllowed()
    {
        (string b, string h) = Pair(headCenter: 100, headMachine: "machine-2");

        (int refused, _, string error) = Run(b, h);
        Assert.Equal(2, refused);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("--cross-machine", error);

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

    public static TheoryData<string, string> CorruptFiles() => new()
    {
        { "not-json.json", "this is not json" },
        { "empty.json", "" },
        { "null.json", "null" },
        { "newer-schema.json", "{\"schemaVersion\": 99}" },
        { "null-benchmarks.json", "{\"benchmarks\": null}" },
        { "no-id.json", "{\"benchmarks\": [{\"id\": \"\"}]}" },
        { "wrong-type.json", "{\"benchmarks\": [{\"id\": \"x\", \"samplesNs\": \"abc\"}]}" },
        { "negative.json", "{\"benchmarks\": [{\"id\": \"x\", \"samplesNs\": [1, -2]}]}" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void CorruptResultsFileIsOneLineNamingTheFileAndExitTwo(string name, string content)
    {
        (string b, _) = Pair(headCenter: 100);
        string bad = temp.File(name);
        File.WriteAllText(bad, content);

        (int exit, string output, string error) = Run(b, bad);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("nvbench compare: " + bad + ": ", line);
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
        string line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("truncated.json: not a valid results file", line);
    }

    [Theory]
    [InlineData("missing.json")]
    public void MissingFileIsExitTwo(string name)
    {
        (string b, _) = Pair(headCenter: 100);

        (int exit, _, string error) = Run(b, temp.File(name));

        Assert.Equal(2, exit);
        Assert.Contains(name + ": no such file", error);
    }

    [Theory]
    [InlineData("--threshold", "five")]
    [InlineData("--alpha", "0.7")]
    [InlineData("--noise-floor", "-1ns")]
    [InlineData("--format", "html")]
    [InlineData("--bogus", "1")]
    public void BadOptionIsOneLineAndExitTwo(string option, string value)
    {
        (string b, string h) = Pair(headCenter: 100);

        (int exit, _, string error) = Run(b, h, option, value);

        Assert.Equal(2, exit);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void WrongNumberOfArgumentsIsExitTwo()
    {
        Assert.Equal(2, Run("only-one.json").Exit);
    }

    [Fact]
    public void HelpIsExitZero()
    {
        (int exit, string output, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.StartsWith("usage: nvbench compare", output);
    }
}
