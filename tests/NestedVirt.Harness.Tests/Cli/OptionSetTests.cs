using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Cli;

public sealed class OptionSetTests
{
    private static OptionSet Options() => new OptionSet()
        .Flag("strict", "exit 2 on warnings")
        .Option("format", "text|json", "output format")
        .Option("threshold", "percent", "relative threshold")
        .Option("iterations", "n", "iterations")
        .Option("filter", "glob", "benchmark filter (repeatable)");

    [Fact]
    public void FlagsOptionsAndPositionalsAreSeparated()
    {
        ParsedArguments parsed = Options().Parse(["base", "--strict", "--format", "json", "--threshold=5", "head"]);

        Assert.True(parsed.Has("strict"));
        Assert.Equal("json", parsed.GetString("format"));
        Assert.Equal(5.0, parsed.GetDouble("threshold", 0));
        Assert.Equal(["base", "head"], parsed.Positionals);
        Assert.False(parsed.Has("iterations"));
        Assert.Equal(10, parsed.GetInt32("iterations", 10));
    }

    [Fact]
    public void DoubleDashEndsOptions()
    {
        ParsedArguments parsed = Options().Parse(["--strict", "--", "--format", "-x"]);

        Assert.Equal(["--format", "-x"], parsed.Positionals);
        Assert.False(parsed.Has("format"));
    }

    [Fact]
    public void NegativeNumbersAreValuesNotOptions()
    {
        ParsedArguments parsed = Options().Parse(["--threshold", "-2.5", "-7"]);

        Assert.Equal(-2.5, parsed.GetDouble("threshold", 0));
        Assert.Equal(["-7"], parsed.Positionals);
    }

    [Fact]
    public void RepeatedOptionKeepsEveryValueAndLastWins()
    {
        ParsedArguments parsed = Options().Parse(["--filter", "*Walk*", "--filter=*Relay*"]);

        Assert.Equal(["*Walk*", "*Relay*"], parsed.GetAll("filter"));
        Assert.Equal("*Relay*", parsed.GetString("filter"));
    }

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["--bogus"], "unknown option --bogus" },
        { ["--bogus=1"], "unknown option --bogus" },
        { ["-x"], "unknown option -x" },
        { ["--format"], "option --format needs a value (text|json)" },
        { ["--format", "--strict"], "option --format needs a value (text|json)" },
        { ["--format="], "option --format needs a value (text|json)" },
        { ["--strict=yes"], "option --strict takes no value (got 'yes')" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void BadCommandLineIsOneLineNamingTheOption(string[] args, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => Options().Parse(args));

        Assert.Equal(expected, ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    public static TheoryData<string[], string> BadValues => new()
    {
        { ["--iterations", "ten"], "option --iterations: 'ten' is not an integer" },
        { ["--iterations", "2.5"], "option --iterations: '2.5' is not an integer" },
        { ["--iterations", "0"], "option --iterations: 0 is below the minimum 1" },
        { ["--iterations", "1001"], "option --iterations: 1001 is above the maximum 1000" },
        { ["--threshold", "5%"], "option --threshold: '5%' is not a number" },
        { ["--threshold", "5,5"], "option --threshold: '5,5' is not a number" },
        { ["--threshold", "NaN"], "option --threshold: 'NaN' is not a number" },
        { ["--threshold", "-1"], "option --threshold: -1 is below the minimum 0" },
        { ["--format", "xml"], "option --format: 'xml' is not one of text, json" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValueIsOneLineNamingOptionAndValue(string[] args, string expected)
    {
        ParsedArguments parsed = Options().Parse(args);

        var ex = Assert.Throws<UsageException>(() =>
        {
            parsed.GetInt32("iterations", 10, min: 1, max: 1000);
            parsed.GetDouble("threshold", 5, min: 0);
            parsed.GetChoice("format", "text", ["text", "json"]);
        });

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void PositionalCountIsChecked()
    {
        ParsedArguments parsed = Options().Parse(["base", "head", "extra"]);

        Assert.Equal("head", parsed.Positional(1, "candidate"));
        Assert.Equal("unexpected argument 'extra'", Assert.Throws<UsageException>(() => parsed.RejectPositionalsBeyond(2)).Message);
        Assert.Equal("missing argument <other>", Assert.Throws<UsageException>(() => parsed.Positional(3, "other")).Message);
    }

    [Fact]
    public void AskingForAnUndeclaredOptionIsABug()
    {
        ParsedArguments parsed = Options().Parse([]);

        Assert.Throws<ArgumentException>(() => parsed.Has("strcit"));
    }

    [Fact]
    public void DeclaringAnOptionTwiceIsABug()
    {
        Assert.Throws<ArgumentException>(() => new OptionSet().Flag("strict", "a").Option("strict", "x", "b"));
        Assert.Throws<ArgumentException>(() => new OptionSet().Flag("--strict", "a"));
    }

    [Fact]
    public void DescribeAlignsOptionsForHelp()
    {
        string text = new OptionSet().Flag("strict", "exit 2 on warnings").Option("format", "text|json", "output format").Describe();

        Assert.Equal("  --strict            exit 2 on warnings\n  --format text|json  output format\n", text);
    }
}
