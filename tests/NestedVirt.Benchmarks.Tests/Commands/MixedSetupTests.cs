using System.Text.Json.Nodes;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>compare and history refuse runs of different toolchains or jobs unless --mixed-setup.</summary>
public sealed class MixedSetupTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    // The synthetic envelopes have job "full" and no toolchain field, like files written before
    // the toolchain was recorded; this sets both as a newer run would.
    private static ResultsEnvelope With(ResultsEnvelope run, string? toolchain, string job)
    {
        JsonNode node = JsonNode.Parse(ResultsJson.Serialize(run))!;
        node["toolchain"] = toolchain;
        node["job"] = job;
        node["benchmarkDotNetVersion"] = toolchain is null ? null : "0.15.8";
        return ResultsJson.Deserialize<ResultsEnvelope>(node.ToJsonString())!;
    }

    private static ResultsEnvelope Run(string commit, double center, int hour = 0) =>
        Envelope(commit, [Simple("A", Samples(center, 15, phase: hour))], timestamp: Start.AddHours(hour));

    private static string OneLine(string error) => Assert.Single(error.TrimEnd('\n').Split('\n'));

    [Fact]
    public void CompareRefusesDifferentToolchainsInOneLineUnlessMixedSetup()
    {
        string b = temp.Save("base.json", Run("aaaa", 100));
        string h = temp.Save("head.json", With(Run("bbbb", 100), "out-of-process", "full"));

        (int exit, string output, string error) = temp.Dispatch(new CompareCommand(), b, h);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("nvbench: base and head were measured differently (toolchain in-process vs out-of-process): "
            + "their timings differ for reasons no commit caused; pass --mixed-setup to compare anyway", OneLine(error));
        Assert.Equal(0, temp.Dispatch(new CompareCommand(), b, h, "--mixed-setup").Exit);
    }

    [Fact]
    public void CompareRefusesDifferentJobs()
    {
        string b = temp.Save("base.json", With(Run("aaaa", 100), "out-of-process", "quick"));
        string h = temp.Save("head.json", With(Run("bbbb", 100), "out-of-process", "full"));

        (int exit, _, string error) = temp.Dispatch(new CompareCommand(), b, h);

        Assert.Equal(2, exit);
        Assert.Contains("(job quick vs full)", OneLine(error));
    }

    [Fact]
    public void FilesWithoutTheNewFieldsLoadAndCountAsInProcess()
    {
        ResultsEnvelope old = Run("aaaa", 100);
        JsonNode node = JsonNode.Parse(ResultsJson.Serialize(old))!;
        node.AsObject().Remove("toolchain");
        node.AsObject().Remove("benchmarkDotNetVersion");
        string path = temp.File("old.json");
        File.WriteAllText(path, node.ToJsonString());

        ResultsEnvelope loaded = ResultsStore.Load(path);

        Assert.Null(loaded.Toolchain);
        Assert.Equal(new MeasurementSetup("in-process", "full"), MeasurementSetup.Of(loaded));
        Assert.Equal(0, temp.Dispatch(new CompareCommand(), path, temp.Save("head.json", Run("bbbb", 100))).Exit);
    }

    [Fact]
    public void HistoryRefusesASeriesThatChangesToolchainUnlessMixedSetup()
    {
        for (int i = 0; i < 8; i++)
        {
            ResultsEnvelope run = Run($"c{i:d2}", 100, i);
            ResultsStore.Write(i < 4 ? run : With(run, "out-of-process", "full"), temp.ResultsRoot);
        }

        var history = new HistoryCommand(findExecutable: _ => null, currentMachineId: () => "machine-1");
        string svg = temp.File("svg");
        (int exit, string output, string error) = temp.Dispatch(history, "--svg-dir", svg);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("nvbench: the runs of this history were measured differently (in-process/full: 4 run(s), "
            + "out-of-process/full: 4 run(s)): their timings differ for reasons no commit caused; pass --mixed-setup to compare anyway", error.TrimEnd('\n').Split('\n')[^1]);
        Assert.Equal(0, temp.Dispatch(history, "--svg-dir", svg, "--mixed-setup").Exit);
    }
}
