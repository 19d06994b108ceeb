using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Harness.Tests.Gate;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// Issue 11 item 1: <c>gate --baseline &lt;results file&gt;</c> printed an update command that
/// overwrote a 492 KB results file with a 9 KB baseline. The gate only ever reads and replaces
/// files shaped like a gate baseline.
/// </summary>
public sealed class GateBaselineShapeTests
{
    [Fact]
    public void GateAgainstAResultsFileSaysItIsNotABaselineAndOffersNoUpdate()
    {
        using var folder = new TempFolder();
        string results = folder.Save("run.json", EnvelopeSamples.Full());

        var (code, output, error) = Run(folder, "--baseline", results);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"nvbench: '{results}' is a results file, not a gate baseline (the baseline is {GateBaselineFile.DefaultRelativePath})\n", error);
    }

    [Fact]
    public void UpdateNeverOverwritesAResultsFile()
    {
        using var folder = new TempFolder();
        string results = folder.Save("run.json", EnvelopeSamples.Full());
        byte[] before = File.ReadAllBytes(results);

        var (code, _, error) = Run(folder, "--update", "--baseline", results);

        Assert.Equal(2, code);
        Assert.StartsWith($"nvbench: refusing to replace '{results}': it is a results file, not a gate baseline", error);
        Assert.Equal(before, File.ReadAllBytes(results));
        Assert.Equal(["run.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("{\"name\": \"a settings file\"}", "it is not a gate baseline (no 'counters' object)")]
    [InlineData("not json at all", "it is not a gate baseline (not valid JSON)")]
    [InlineData("", "it is not a gate baseline (empty)")]
    public void UpdateNeverOverwritesAFileThatIsNotABaseline(string content, string reason)
    {
        using var folder = new TempFolder();
        string other = folder.File("other.json");
        File.WriteAllText(other, content);

        var (code, _, error) = Run(folder, "--update", "--baseline", other);

        Assert.Equal(2, code);
        Assert.StartsWith($"nvbench: refusing to replace '{other}': {reason}", error);
        Assert.Equal(content, File.ReadAllText(other));
    }

    [Fact]
    public void UpdateOntoAFolderSaysItIsAFolder()
    {
        using var folder = new TempFolder();
        string dir = folder.File("somewhere");
        Directory.CreateDirectory(dir);

        var (code, _, error) = Run(folder, "--update", "--baseline", dir);

        Assert.Equal(2, code);
        Assert.StartsWith($"nvbench: refusing to replace '{dir}': it is a folder, not a gate baseline;", error);
        Assert.True(Directory.Exists(dir));
    }

    [Fact]
    public void UpdateReplacesAnExistingBaselineAndCreatesAMissingOne()
    {
        using var folder = new TempFolder();
        string existing = folder.File("old.json");
        File.WriteAllText(existing, ResultsJson.Serialize(FakeGateSource.Sample(walks: 9)));
        string fresh = folder.File("new.json");

        Assert.Equal(0, Run(folder, "--update", "--baseline", existing).Code);
        Assert.Equal(0, Run(folder, "--update", "--baseline", fresh).Code);

        Assert.Equal(1, GateBaselineFile.Load(existing).Counters.First().Value["Walks"]);
        Assert.Equal(1, GateBaselineFile.Load(fresh).Counters.First().Value["Walks"]);
    }

    [Fact]
    public void LoadingAResultsFileAsABaselineThrowsAOneLineHarnessException()
    {
        using var folder = new TempFolder();
        string results = folder.Save("run.json", EnvelopeSamples.Full());

        HarnessException e = Assert.Throws<HarnessException>(() => GateBaselineFile.Load(results));

        Assert.Contains("is a results file, not a gate baseline", e.Message);
    }

    private static (int Code, string Output, string Error) Run(TempFolder folder, params string[] args)
    {
        var (context, output, error) = folder.Context();
        var dispatcher = new CommandDispatcher([new GateCommand(new FakeGateSource(FakeGateSource.Sample()), () => (".NET 10.0.1", "Test CPU"))]);
        int code = dispatcher.Run(["gate", .. args], context);
        return (code, output.ToString(), error.ToString());
    }
}
