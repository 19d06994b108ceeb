using System.Text.RegularExpressions;
using NestedVirt.Harness.Cli;
using YamlDotNet.RepresentationModel;

namespace NestedVirt.Benchmarks.Tests.Ci;

/// <summary>
/// The CI templates in docs/ci/, parsed as YAML: the gate on every push, ab on pull (merge)
/// requests with the markdown comparison as the summary, history through the export, and every
/// nvbench command in them accepted by the real command line.
/// </summary>
public sealed partial class CiTemplatesTests
{
    private static readonly string Folder = Path.Combine(RepositoryLocator.Find(AppContext.BaseDirectory), "docs", "ci");

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        yaml.Load(reader);
        return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) ? child : null;

    private static string Text(YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    private static IEnumerable<string> Scalars(YamlNode? node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode map => map.Children.Values.SelectMany(Scalars),
        _ => [],
    };

    // GitHub: the run: blocks of a job's steps; GitLab: a job's script lines.
    private static string GitHubScript(YamlNode job) =>
        string.Join('\n', ((YamlSequenceNode)Child(job, "steps")!).Children.Select(s => Text(Child(s, "run"))));

    private static string GitLabScript(YamlNode job) => string.Join('\n', Scalars(Child(job, "script")));

    // Every command the templates run (not their comments): GitHub's run: blocks, GitLab's scripts.
    public static TheoryData<string, string> NvbenchCommands()
    {
        var scripts = new List<(string File, string Script)>();
        foreach ((YamlNode _, YamlNode job) in ((YamlMappingNode)Child(Load("github-actions.yml"), "jobs")!).Children)
        {
            scripts.Add(("github-actions.yml", GitHubScript(job)));
        }

        foreach ((YamlNode _, YamlNode job) in Load("gitlab-ci.yml").Children)
        {
            scripts.Add(("gitlab-ci.yml", string.Join('\n', Scalars(Child(job, "before_script")).Concat(Scalars(Child(job, "script"))))));
        }

        var data = new TheoryData<string, string>();
        foreach ((string file, string script) in scripts)
        {
            foreach (Match m in NvbenchCommand().Matches(script))
            {
                data.Add(file, m.Value.Trim());
            }
        }

        return data;
    }

    [Fact]
    public void GitHubRunsTheGateOnEveryPushAndAbOnPullRequestsIntoTheJobSummary()
    {
        YamlMappingNode workflow = Load("github-actions.yml");

        YamlNode on = Child(workflow, "on")!;
        Assert.NotNull(Child(on, "push"));
        Assert.NotNull(Child(on, "pull_request"));
        YamlNode jobs = Child(workflow, "jobs")!;
        foreach ((YamlNode name, YamlNode job) in ((YamlMappingNode)jobs).Children)
        {
            Assert.False(string.IsNullOrEmpty(Text(Child(job, "runs-on"))), $"{name} has no runs-on");
            Assert.All(((YamlSequenceNode)Child(job, "steps")!).Children, s => Assert.True(Child(s, "uses") is not null ^ Child(s, "run") is not null, $"{name}: a step needs uses or run"));
        }

        YamlNode gate = Child(jobs, "gate")!;
        Assert.Equal("github.event_name == 'push'", Text(Child(gate, "if")));
        Assert.Contains("nvbench gate", GitHubScript(gate));

        YamlNode ab = Child(jobs, "ab")!;
        Assert.Equal("github.event_name == 'pull_request'", Text(Child(ab, "if")));
        string script = GitHubScript(ab);
        Assert.Matches(@"nvbench ab ""origin/\$BASE_REF"" HEAD .*--format md > ab\.md", script);
        Assert.Contains("cat ab.md >> \"$GITHUB_STEP_SUMMARY\"", script);
        Assert.Contains("exit $status", script);
        Assert.Equal("0", Text(Child(Child(((YamlSequenceNode)Child(ab, "steps")!).Children[0], "with"), "fetch-depth")));
    }

    [Fact]
    public void GitHubKeepsHistoryThroughTheExportInGitHubActionBenchmark()
    {
        YamlNode history = Child(Child(Load("github-actions.yml"), "jobs")!, "history")!;
        string script = GitHubScript(history);
        YamlNode action = ((YamlSequenceNode)Child(history, "steps")!).Children
            .Single(s => Text(Child(s, "uses")).StartsWith("benchmark-action/github-action-benchmark@", StringComparison.Ordinal));

        Match export = Regex.Match(script, "nvbench export latest --format github-action-benchmark --out (\\S+)");
        Assert.True(export.Success, script);
        Assert.Equal(export.Groups[1].Value, Text(Child(Child(action, "with"), "output-file-path")));
        Assert.Equal("customSmallerIsBetter", Text(Child(Child(action, "with"), "tool")));
        Assert.Contains("nvbench run --quick", script);
        Assert.Contains("push", Text(Child(history, "if")));
    }

    [Fact]
    public void GitLabRunsTheGateOnPushesAbOnMergeRequestsAndKeepsTheExports()
    {
        YamlMappingNode pipeline = Load("gitlab-ci.yml");

        YamlNode gate = Child(pipeline, "perf-gate")!;
        Assert.Contains("$CI_PIPELINE_SOURCE == \"push\"", Scalars(Child(gate, "rules")));
        Assert.Contains("nvbench gate", GitLabScript(gate));

        YamlNode ab = Child(pipeline, "perf-ab")!;
        Assert.Contains("$CI_PIPELINE_SOURCE == \"merge_request_event\"", Scalars(Child(ab, "rules")));
        Assert.Matches("nvbench ab .* --format md > ab\\.md", GitLabScript(ab));
        Assert.Equal("ab comparison", Text(Child(Child(ab, "artifacts"), "expose_as")));
        Assert.Equal(["ab.md"], Scalars(Child(Child(ab, "artifacts"), "paths")));
        Assert.Equal("always", Text(Child(Child(ab, "artifacts"), "when")));

        YamlNode history = Child(pipeline, "perf-history")!;
        string script = GitLabScript(history);
        Assert.Contains("nvbench export latest --format github-action-benchmark --out perf/github-action-benchmark.json", script);
        Assert.Equal(["perf/"], Scalars(Child(Child(history, "artifacts"), "paths")));
        Assert.Equal(["results/"], Scalars(Child(Child(history, "cache"), "paths")));
        Assert.All(new[] { gate, ab, history }, job => Assert.Equal(".nvbench", Text(Child(job, "extends"))));
    }

    [Theory]
    [MemberData(nameof(NvbenchCommands))]
    public void EveryNvbenchCommandInTheTemplatesIsAcceptedByTheCommandLine(string file, string command)
    {
        string[] words = Words(command);
        ICommand verb = Program.CreateDispatcher().Commands.SingleOrDefault(c => c.Name == words[1])
            ?? throw new Xunit.Sdk.XunitException($"{file}: '{command}': unknown verb {words[1]}");

        ParsedArguments parsed = (verb.Options ?? new OptionSet()).Parse(words[2..]);

        foreach (OptionSpec option in verb.Options?.Options ?? [])
        {
            if (option.PassedThrough || !parsed.Has(option.Name))
            {
                continue;
            }

            foreach (string value in parsed.GetAll(option.Name))
            {
                if (option.Choices.Count > 0)
                {
                    Assert.Contains(value, option.Choices);
                }

                if (option.ValueName == "PCT")
                {
                    Assert.True(Quantity.TryParsePercent(value, out _), $"{file}: '{command}': {value}");
                }
            }
        }
    }

    // Shell words of one command, quotes removed; stops at a redirection or another command.
    private static string[] Words(string command)
    {
        var words = new List<string>();
        foreach (Match m in ShellWord().Matches(command))
        {
            string word = m.Value;
            if (word is ">" or ">>" or "|" or "||" or "&&" or ";")
            {
                break;
            }

            words.Add(word.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal));
        }

        return [.. words];
    }

    [GeneratedRegex(@"(?<![\w/.-])nvbench [^\n#]*")]
    private static partial Regex NvbenchCommand();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|[^\s""']+")]
    private static partial Regex ShellWord();
}
