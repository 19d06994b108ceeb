using System.Text.Json.Nodes;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// Issue 11 items 8 and 12 through the verbs: a 1e40 ns sample made compare and cover-letter
/// abort with a stack trace, and a folder given as a results file was "does not exist".
/// </summary>
public sealed class HostileResultsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("compare")]
    [InlineData("cover-letter")]
    public void CompareAndCoverLetterRefuseAHugeSampleInOneLine(string verb)
    {
        string good = temp.Save("good.json", EnvelopeSamples.Full());
        string huge = temp.File("huge.json");
        File.WriteAllText(huge, Mutate(root =>
        {
            JsonObject first = root["benchmarks"]![0]!.AsObject();
            first["samplesNs"] = new JsonArray(1e40, 1e40, 1e40, 1e40);
            first["medianNs"] = 1e40;
            first["meanNs"] = 1e40;
        }));
        ICommand command = verb == "compare" ? new CompareCommand() : new CoverLetterCommand();

        (int exit, string output, string error) = temp.Dispatch(command, good, huge);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"nvbench: results file '{huge}' field 'benchmarks[0].samplesNs[0]' should be a finite number of ns from 0 to 1000000000000, not 1E+40\n", error);
    }

    [Fact]
    public void TheLargestAcceptedNumbersStillRender()
    {
        string good = temp.Save("good.json", EnvelopeSamples.Full());
        string big = temp.File("big.json");
        File.WriteAllText(big, Mutate(root =>
        {
            JsonObject first = root["benchmarks"]![0]!.AsObject();
            first["samplesNs"] = new JsonArray(1e12, 1e12, 1e12, 1e12, 1e12);
            first["medianNs"] = 1e12;
            first["meanNs"] = 1e12;
            first["modelledNs"] = 1e12;
        }));

        // The full sample is marked smoke (every field set), which compare refuses unless asked.
        Assert.Equal(1, temp.Dispatch(new CompareCommand(), good, big, "--include-smoke").Exit);
        Assert.Equal(0, temp.Dispatch(new CoverLetterCommand(), good, big, "--include-smoke").Exit);
    }

    // Issue 11 item 12: a folder given as a results file was reported as "does not exist".
    [Fact]
    public void AFolderGivenAsAResultsFileIsCalledAFolder()
    {
        string folder = temp.File("results-folder");
        Directory.CreateDirectory(folder);
        string good = temp.Save("good.json", EnvelopeSamples.Full());

        (int exit, _, string error) = temp.Dispatch(new CompareCommand(), folder, good);

        Assert.Equal(2, exit);
        Assert.Equal($"nvbench: '{folder}' is a folder, not a results file (name a file in it, or a run id)\n", error);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        JsonObject root = JsonNode.Parse(ResultsJson.Serialize(EnvelopeSamples.Full()))!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
