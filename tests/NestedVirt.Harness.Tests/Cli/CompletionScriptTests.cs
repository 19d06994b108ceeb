using System.Diagnostics;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Tests.Cli;

/// <summary>The generated scripts, loaded into the real shells and asked to complete.</summary>
public sealed class CompletionScriptTests
{
    private static readonly IReadOnlyList<ICommand> Verbs =
    [
        new Verb("compare", new OptionSet().Option("format", "text|md|json", "output format").Option("threshold", "PCT", "threshold").Flag("cross-machine", "allow")),
        new Verb("completion", new OptionSet()),
        new Verb("run", new OptionSet().Values("filter", "GLOB", "names", 'f').Option("out", "DIR", "results root")
            .Option("job", "NAME", "job", 'j', ["short", "long"])
            .PassThrough([new OptionSpec("memory", null, "BenchmarkDotNet: [memory] stats: it's on")])),
    ];

    private static string Bash(string line)
    {
        string[] words = line.Split(' ');
        string script = CompletionScript.Bash("nvbench", Verbs)
            + $"COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}\n"
            + "_nvbench\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessResult result = SystemProcessRunner.Instance.Run(
            new ProcessRequest("bash", ["-c", script], Path.GetTempPath()) { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        Assert.True(result.Succeeded, result.StandardError);
        return result.StandardOutput;
    }

    [Theory]
    [InlineData("nvbench com", "compare\ncompletion\n")]
    [InlineData("nvbench compare --fo", "--format\n")]
    [InlineData("nvbench compare --format ", "text\nmd\njson\n")]
    [InlineData("nvbench compare --format m", "md\n")]
    [InlineData("nvbench compare --threshold ", "\n")]
    [InlineData("nvbench run -", "--filter\n-f\n--out\n--job\n-j\n--memory\n--help\n")]
    [InlineData("nvbench run -j ", "short\nlong\n")]
    [InlineData("nvbench help ru", "run\n")]
    public void BashCompletesVerbsOptionsAndValues(string line, string expected)
    {
        Assert.Equal(expected, Bash(line));
    }

    [Fact]
    public void ZshScriptLoadsAndRegistersTheFunction()
    {
        // .ci/install-debian-packages installs zsh; a machine without it can only check bash.
        if (ExecutableLocator.Find("zsh") is null)
        {
            return;
        }

        string script = CompletionScript.Zsh("nvbench", Verbs);
        string file = Path.Combine(Path.GetTempPath(), $"nvbench-completion-{Guid.NewGuid():N}.zsh");
        File.WriteAllText(file, script);
        try
        {
            ProcessResult syntax = SystemProcessRunner.Instance.Run("zsh", ["-n", file], Path.GetTempPath(), CancellationToken.None);
            Assert.True(syntax.Succeeded, syntax.StandardError);

            ProcessResult loaded = SystemProcessRunner.Instance.Run(
                "zsh", ["-f", "-c", $"autoload -Uz compinit && compinit -u -D && source {file} && print -r -- $_comps[nvbench]"], Path.GetTempPath(), CancellationToken.None);
            Assert.True(loaded.Succeeded, loaded.StandardError);
            Assert.Equal("_nvbench\n", loaded.StandardOutput);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ZshSpecsEscapeBracketsColonsAndQuotes()
    {
        string script = CompletionScript.Zsh("nvbench", Verbs);

        Assert.Contains("'*--memory[BenchmarkDotNet: \\[memory\\] stats: it'\\''s on]'", script);
        Assert.Contains("'--format[output format]:text|md|json:(text md json)'", script);
        Assert.Contains("'*{-f,--filter}[names]:GLOB: '", script);
        Assert.Contains("'--out[results root]:DIR:_files -/'", script);
    }

    [Fact]
    public void AnotherShellIsAUsageErrorWithASuggestion()
    {
        UsageException e = Assert.Throws<UsageException>(() => CompletionScript.For("bsh", "nvbench", Verbs));
        Assert.Equal("no completion for shell 'bsh'; shells: bash, zsh (did you mean bash?)", e.Message);
    }

    private sealed class Verb(string name, OptionSet options) : ICommand
    {
        public string Name => name;

        public string Summary => name + ": a verb";

        public string Help => "";

        public OptionSet? Options => options;

        public int Run(IReadOnlyList<string> args, CommandContext context) => throw new UnreachableException();
    }
}
