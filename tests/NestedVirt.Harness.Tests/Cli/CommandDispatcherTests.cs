using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Cli;

public sealed class CommandDispatcherTests
{
    [Fact]
    public void HelpListsEveryVerbWithItsSummary()
    {
        Outcome result = Run(["--help"]);

        Assert.Equal(0, result.Code);
        Assert.Contains("usage: nvbench <verb> [options]\n", result.Out);
        Assert.Contains("\n  compare        compare two runs\n", result.Out);
        Assert.Contains("\n  check-machine  report machine tuning\n", result.Out);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("help")]
    public void HelpHasShortForms(string arg)
    {
        Assert.Equal(Run(["--help"]).Out, Run([arg]).Out);
    }

    [Fact]
    public void NoArgumentsPrintsUsageToErrorAndExitsTwo()
    {
        Outcome result = Run([]);

        Assert.Equal(2, result.Code);
        Assert.Contains("usage: nvbench <verb> [options]", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void UnknownVerbIsOneLineAndExitsTwo()
    {
        Outcome result = Run(["comapre", "a", "b"]);

        Assert.Equal(2, result.Code);
        Assert.Equal("nvbench: unknown verb 'comapre' (did you mean 'compare'?); verbs: compare, check-machine\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void VerbHelpPrintsTheVerbsHelpWithoutRunningIt(string flag)
    {
        var compare = new FakeCommand("compare", "compare two runs");

        Outcome result = Run(["compare", "base", flag], compare);

        Assert.Equal(0, result.Code);
        Assert.Equal("usage: nvbench compare <base> <head>\n", result.Out);
        Assert.Equal(0, compare.Runs);
    }

    [Fact]
    public void HelpAfterDoubleDashIsAnArgument()
    {
        var compare = new FakeCommand("compare", "compare two runs");

        Run(["compare", "--", "--help"], compare);

        Assert.Equal(1, compare.Runs);
        Assert.Equal(["--", "--help"], compare.LastArgs);
    }

    [Fact]
    public void VerbGetsItsArgumentsAndItsExitCodePassesThrough()
    {
        var compare = new FakeCommand("compare", "compare two runs") { ExitCode = 1 };

        Outcome result = Run(["compare", "a", "--threshold", "5"], compare);

        Assert.Equal(1, result.Code);
        Assert.Equal(["a", "--threshold", "5"], compare.LastArgs);
    }

    [Fact]
    public void HarnessExceptionBecomesOneLineWithItsExitCode()
    {
        var compare = new FakeCommand("compare", "compare two runs")
        {
            Throw = new HarnessException("results file 'x.json' is truncated\n(at line 3)", exitCode: 3),
        };

        Outcome result = Run(["compare"], compare);

        Assert.Equal(3, result.Code);
        Assert.Equal("nvbench: results file 'x.json' is truncated (at line 3)\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void OtherExceptionsAreBugsAndPropagate()
    {
        var compare = new FakeCommand("compare", "compare two runs") { Throw = new InvalidOperationException("bug") };

        Assert.Throws<InvalidOperationException>(() => Run(["compare"], compare));
    }

    [Fact]
    public void DuplicateVerbIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new CommandDispatcher([new FakeCommand("a", "x"), new FakeCommand("a", "y")]));
    }

    [Fact]
    public void HelpLinesFitSeventyTwoColumns()
    {
        var wordy = new FakeCommand("cover-letter", new string('x', 100));

        string usage = new CommandDispatcher([wordy]).Usage();

        Assert.All(usage.Split('\n'), l => Assert.True(l.Length <= 72, l));
        Assert.Contains("  cover-letter  xxx", usage);
        Assert.Contains("...\n", usage);
    }

    private static Outcome Run(string[] args, FakeCommand? compare = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var dispatcher = new CommandDispatcher([compare ?? new FakeCommand("compare", "compare two runs"), new FakeCommand("check-machine", "report machine tuning")]);
        int code = dispatcher.Run(args, new CommandContext(output, error, "."));
        return new Outcome(code, output.ToString(), error.ToString());
    }

    private sealed record Outcome(int Code, string Out, string Error);

    private sealed class FakeCommand(string name, string summary) : ICommand
    {
        public string Name => name;

        public string Summary => summary;

        public string Help => $"usage: nvbench {name} <base> <head>";

        public int ExitCode { get; init; }

        public Exception? Throw { get; init; }

        public int Runs { get; private set; }

        public IReadOnlyList<string> LastArgs { get; private set; } = [];

        public int Run(IReadOnlyList<string> args, CommandContext context)
        {
            Runs++;
            LastArgs = args;
            return Throw is null ? ExitCode : throw Throw;
        }
    }
}
