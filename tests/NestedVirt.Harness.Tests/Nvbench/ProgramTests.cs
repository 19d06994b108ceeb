using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Nvbench;

public sealed class ProgramTests
{
    private static readonly CommandDispatcher Nvbench = NestedVirt.Benchmarks.Program.CreateDispatcher();

    public static TheoryData<string> Verbs()
    {
        var verbs = new TheoryData<string>();
        foreach (ICommand command in Nvbench.Commands)
        {
            verbs.Add(command.Name);
        }

        return verbs;
    }

    [Fact]
    public void VerbsAreRegisteredInHelpOrder()
    {
        Assert.Equal(
            ["run", "list", "scenario", "compare", "ab", "history", "cover-letter", "index", "import", "publish", "report", "synth", "check-machine", "calibrate", "icount", "gate", "canary", "drive"],
            Nvbench.Commands.Select(c => c.Name));
    }

    [Fact]
    public void TopLevelHelpListsEveryVerbUntruncatedWithinSeventyTwoColumns()
    {
        (int exit, string output, string error) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= CommandDispatcher.HelpWidth, line));
        Assert.All(Nvbench.Commands, c => Assert.Matches($"\n  {c.Name} +{System.Text.RegularExpressions.Regex.Escape(c.Summary)}\n", output));
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryVerbHasHelpThatExitsZeroAndFitsSeventyTwoColumns(string verb)
    {
        (int exit, string output, string error) = Run(verb, "--help");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.StartsWith($"usage: nvbench {verb}", output);
        Assert.EndsWith("\n", output);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= CommandDispatcher.HelpWidth, $"{line.Length}: {line}"));
    }

    internal static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = NestedVirt.Benchmarks.Program.CreateDispatcher().Run(args, new CommandContext(output, error, Path.GetTempPath()));
        return (exit, output.ToString(), error.ToString());
    }
}
