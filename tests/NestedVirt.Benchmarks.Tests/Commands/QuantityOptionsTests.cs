using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Harness.Tests.Gate;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// Every percentage and time option on every verb goes through the one parser: the same forms
/// are accepted (<c>2%</c> and <c>2</c>, <c>0.5ns</c> and <c>1s</c>) and the same words refuse
/// the rest.
/// </summary>
public sealed class QuantityOptionsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    // Positionals each verb needs before it reads its options.
    private static readonly Dictionary<string, string[]> Positionals = new(StringComparer.Ordinal)
    {
        ["compare"] = ["a", "b"],
        ["cover-letter"] = ["a", "b"],
        ["ab"] = ["main", "HEAD"],
        ["bisect"] = ["main", "HEAD"],
    };

    public static TheoryData<string, string, string> QuantityOptions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (ICommand command in Program.CreateDispatcher().Commands)
        {
            foreach (OptionSpec option in command.Options?.Options ?? [])
            {
                if (option.ValueName is "PCT" or "TIME")
                {
                    data.Add(command.Name, option.Name, option.ValueName);
                }
            }
        }

        return data;
    }

    [Fact]
    public void EveryPercentageAndTimeOptionIsDeclaredAsOne()
    {
        string[] declared = [.. QuantityOptions().Select(row => $"{row[0]} --{row[1]} {row[2]}")];

        Assert.Equal(
        [
            "compare --min-effect PCT", "compare --threshold PCT", "compare --noise-floor TIME",
            "ab --min-effect PCT", "ab --threshold PCT", "ab --noise-floor TIME",
            "bisect --min-effect PCT", "bisect --threshold PCT", "bisect --noise-floor TIME",
            "history --min-effect PCT", "history --threshold PCT", "history --noise-floor TIME",
            "cover-letter --min-effect PCT", "cover-letter --threshold PCT", "cover-letter --noise-floor TIME",
            "gate --threshold PCT",
            "canary --slowdown PCT", "canary --iteration-ms TIME", "canary --min-effect PCT", "canary --threshold PCT", "canary --noise-floor TIME",
        ],
            declared);
    }

    [Theory]
    [MemberData(nameof(QuantityOptions))]
    public void EveryVerbRefusesANonQuantityTheSameWay(string verb, string option, string kind)
    {
        string[] args = [.. Positionals.GetValueOrDefault(verb, []), "--" + option, "2x"];

        (int exit, string output, string error) = ProgramTests.Run([verb, .. args]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string expected = kind == "PCT" ? "is not a percentage, e.g. 5% or 5" : "is not a time, e.g. 0.5ns, 2us, 120ms or 1s";
        Assert.Equal($"nvbench: option --{option}: '2x' {expected}\n", error);
    }

    [Fact]
    public void CompareReadsTwoPercentAndTwoAlikeAndTakesSecondsAsANoiseFloor()
    {
        string b = temp.Save("base.json", Envelope("aaaa", [Simple("A", Samples(100, 15))]));
        string h = temp.Save("head.json", Envelope("bbbb", [Simple("A", Samples(103, 15))]));

        var withSign = temp.Dispatch(new CompareCommand(), b, h, "--threshold", "2%");
        var bare = temp.Dispatch(new CompareCommand(), b, h, "--threshold", "2");
        var seconds = temp.Dispatch(new CompareCommand(), b, h, "--threshold", "2%", "--noise-floor", "1s");

        Assert.Equal(1, withSign.Exit);
        Assert.Equal(withSign, bare);
        Assert.Equal(0, seconds.Exit);
        Assert.Contains("past 2% and 1000000000 ns", seconds.Out);
    }

    [Fact]
    public void GateTakesItsThresholdWithOrWithoutThePercentSign()
    {
        var source = new FakeGateSource(FakeGateSource.Sample());
        string baseline = temp.File("baseline.json");
        Assert.Equal(0, temp.Dispatch(new GateCommand(source), "--update", "--baseline", baseline).Exit);

        Assert.Equal(0, temp.Dispatch(new GateCommand(source), "--baseline", baseline, "--threshold", "2%").Exit);
        Assert.Equal(0, temp.Dispatch(new GateCommand(source), "--baseline", baseline, "--threshold", "2").Exit);
    }

    [Theory]
    [InlineData("5%")]
    [InlineData("5")]
    public void CanaryTakesItsSlowdownAsAPercentage(string slowdown)
    {
        var requested = new List<int>();
        var command = new CanaryCommand(s =>
        {
            requested.Add(s);
            return [100, 101, 99, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100];
        });

        (int exit, _, _) = temp.Dispatch(command, "--runs", "1", "--slowdown", slowdown, "--iteration-ms", "0.2s");

        Assert.Equal(0, exit);
        Assert.Contains(5, requested);
    }

    [Fact]
    public void CanarySlowdownMustBeWhole()
    {
        (int exit, _, string error) = temp.Dispatch(new CanaryCommand(_ => [1.0]), "--slowdown", "2.5%");

        Assert.Equal(2, exit);
        Assert.Equal("nvbench: option --slowdown: 2.5% is not a whole percentage\n", error);
    }
}
