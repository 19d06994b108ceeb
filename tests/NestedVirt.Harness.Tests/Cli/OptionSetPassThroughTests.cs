using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Cli;

public sealed class OptionSetPassThroughTests
{
    private static OptionSet Options() => new OptionSet()
        .Flag("quick", "headline cases")
        .Values("filter", "GLOB", "names", 'f')
        .Values("anyCategories", "CATEGORY", "categories")
        .Option("job", "NAME", "job", 'j')
        .PassThrough(
        [
            new OptionSpec("memory", null, "memory statistics") { ShortName = 'm' },
            new OptionSpec("iterationCount", "VALUE", "iterations"),
            new OptionSpec("exporters", "VALUE", "exporters") { Arity = OptionArity.Many },
        ]);

    [Fact]
    public void ManyValuedOptionTakesEveryWordUpToTheNextOption()
    {
        ParsedArguments parsed = Options().Parse(["--filter", "walk/*", "*Relay*", "--quick", "-f", "decode/*"]);

        Assert.Equal(["walk/*", "*Relay*", "decode/*"], parsed.GetAll("filter"));
        Assert.True(parsed.Has("quick"));
        Assert.Empty(parsed.Positionals);
    }

    [Fact]
    public void ForeignOptionsReachThePassThroughVerbatimInOrder()
    {
        ParsedArguments parsed = Options().Parse(["-m", "--quick", "--iterationcount", "7", "--exporters", "json", "csv", "--job", "short"]);

        Assert.Equal(["--memory", "--iterationCount", "7", "--exporters", "json", "csv"], parsed.PassThrough);
        Assert.Equal("short", parsed.GetString("job"));
    }

    [Fact]
    public void BenchmarkDotNetNamesIgnoreCaseOwnNamesDoNot()
    {
        Assert.Equal(["Exits"], Options().Parse(["--anycategories", "Exits"]).GetAll("anyCategories"));

        UsageException e = Assert.Throws<UsageException>(() => Options().Parse(["--Quick"]));
        Assert.Equal("unknown option --Quick (did you mean --quick?)", e.Message);
    }

    [Theory]
    [InlineData("--fliter", "unknown option --fliter (did you mean --filter?)")]
    [InlineData("--memroy", "unknown option --memroy (did you mean --memory?)")]
    [InlineData("-x", "unknown option -x")]
    [InlineData("--filter", "option --filter needs a value (GLOB)")]
    [InlineData("--iterationCount", "option --iterationCount needs a value (VALUE)")]
    [InlineData("--memory=yes", "option --memory takes no value (got 'yes')")]
    public void BadOptionsAreOneLineWithASuggestion(string token, string expected)
    {
        UsageException e = Assert.Throws<UsageException>(() => Options().Parse([token]));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void HelpListsOwnOptionsAndNamesThePassedThroughOnes()
    {
        OptionSet options = Options();

        Assert.Contains("-f, --filter GLOB...", options.Describe());
        Assert.DoesNotContain("--memory", options.Describe());
        Assert.Equal("  --memory --iterationCount --exporters\n", options.DescribePassThrough());
    }
}
