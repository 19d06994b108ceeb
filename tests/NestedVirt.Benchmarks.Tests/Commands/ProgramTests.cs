using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Tests.Commands;

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
            ["run", "list", "scenario", "compare", "ab", "bisect", "history", "cover-letter", "index", "import", "publish", "report", "synth", "check-machine", "capabilities", "core-size", "nested-cost", "calibrate", "icount", "gate", "canary", "drive", "export", "completion"],
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

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryVerbsHelpDescribesEveryOptionItParses(string verb)
    {
        ICommand command = Nvbench.Commands.Single(c => c.Name == verb);
        (_, string help, _) = Run(verb, "--help");

        foreach (OptionSpec option in command.Options?.Options ?? [])
        {
            Assert.Contains("--" + option.Name, help);
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void AMistypedOptionGetsTheOptionItMeant(string verb)
    {
        ICommand command = Nvbench.Commands.Single(c => c.Name == verb);
        OptionSpec? option = command.Options?.Options.FirstOrDefault(o => !o.PassedThrough && o.Name.Length >= 5);
        if (option is null)
        {
            return;
        }

        // Swap two letters in the middle: "--treshold" for "--threshold".
        char[] letters = option.Name.ToCharArray();
        int i = letters.Length / 2;
        (letters[i], letters[i - 1]) = (letters[i - 1], letters[i]);
        string typo = new(letters);

        (int exit, string output, string error) = Run(verb, "--" + typo);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"nvbench: unknown option --{typo} (did you mean --{option.Name}?)\n", error);
    }

    [Fact]
    public void AMistypedVerbGetsTheVerbItMeant()
    {
        (int exit, _, string error) = Run("cmopare", "a", "b");

        Assert.Equal(2, exit);
        Assert.StartsWith("nvbench: unknown verb 'cmopare' (did you mean 'compare'?); verbs: run, list,", error);
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void CompletionPrintsAScriptForEveryVerb(string shell)
    {
        (int exit, string output, string error) = Run("completion", shell);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.All(Nvbench.Commands, c => Assert.Contains($"    {c.Name})\n", output));
    }

    internal static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = NestedVirt.Benchmarks.Program.CreateDispatcher().Run(args, new CommandContext(output, error, Path.GetTempPath()));
        return (exit, output.ToString(), error.ToString());
    }
}
