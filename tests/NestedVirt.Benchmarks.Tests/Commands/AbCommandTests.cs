using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class AbCommandTests : IDisposable
{
    private const string CommitA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string CommitB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private readonly TempFolder temp = new();
    private readonly FakeGit git = new();

    public void Dispose() => temp.Dispose();

    private string WorkRoot => Path.Combine(temp.Path, "work");

    /// <summary>
    /// Fake dotnet: "build" answers <paramref name="buildExit"/> for the worktree of
    /// <paramref name="failingSide"/>; "run" stores an envelope as the run verb does (under
    /// <c>--out/&lt;machine-id&gt;/</c>, beside an in-progress temporary file) whose samples are
    /// centred on <paramref name="centerA"/> or <paramref name="centerB"/>, and can throw as
    /// Ctrl-C would or write nothing.
    /// </summary>
    private FakeProcessRunner Dotnet(List<string> runOrder, double centerA = 100, double centerB = 100, string? failingSide = null, int buildExit = 1, int cancelAtRun = -1, bool writeNothing = false) =>
        new((file, args, dir) =>
        {
            Assert.Equal("dotnet", file);
            string side = File.ReadAllText(Path.Combine(dir, "commit.txt")) == CommitA ? "A" : "B";
            if (args[0] == "build")
            {
                Assert.Equal(["build", "-c", "Release", "bench/NestedVirt.Benchmarks"], args);
                return side == failingSide ? new ProcessResult(buildExit, "error CS1002: ; expected", "") : new ProcessResult(0, "", "");
            }

            Assert.Equal(["run", "--no-build", "-c", "Release", "--project", "bench/NestedVirt.Benchmarks", "--", "run", "--quick", "--filter", "*Walk*", "--out"], args.Take(12));
            Assert.Equal(13, args.Count);
            runOrder.Add(side);
            if (runOrder.Count == cancelAtRun)
            {
                throw new OperationCanceledException();
            }

            if (writeNothing)
            {
                return new ProcessResult(0, "", "");
            }

            string outDir = args[12];
            double center = side == "A" ? centerA : centerB;
            string stored = ResultsStore.Write(Envelope(side == "A" ? "aaaa" : "bbbb", [Simple("Walk", Samples(center, 5, phase: runOrder.Count))]), outDir);
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(stored)!, $".{Path.GetFileName(stored)}{ResultsFileName.TemporaryMarker}0123"), "{ half-written");
            return new ProcessResult(0, "", "");
        });

    private (int Exit, string Out, string Error) Run(FakeProcessRunner dotnet, params string[] args) =>
        temp.Dispatch(new AbCommand(new FakeProcessRunner((f, a, d) => dotnet.Run(f, a, d, CancellationToken.None), git.Run), WorkRoot), args);

    private void AssertCleanedUp()
    {
        Assert.Equal(2, git.Added.Count);
        Assert.Equal(git.Added, git.Removed);
        Assert.All(git.Added, dir => Assert.False(Directory.Exists(dir), dir));
        Assert.True(git.Pruned);
        Assert.Empty(Directory.GetFileSystemEntries(WorkRoot));
    }

    [Fact]
    public void FailedBuildStillRemovesBothWorktrees()
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, failingSide: "B"), "main", "topic", "--filter", "*Walk*");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Empty(runs);
        Assert.EndsWith("\nnvbench: build of B failed (exit code 1)\n", error);
        Assert.Contains("  | error CS1002: ; expected", error);
        AssertCleanedUp();
    }

    [Fact]
    public void RunsAlternateAndPooledSamplesGiveTheVerdict()
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, centerA: 100, centerB: 125), "main", "topic", "--rounds", "3", "--filter", "*Walk*");

        Assert.Equal(1, exit);
        Assert.Equal(["A", "B", "A", "B", "A", "B"], runs);
        Assert.Contains("synthetic/walk", output);
        Assert.Contains("+25.0%  slower", output);
        Assert.Contains("ab: round 3/3: B", error);
        AssertCleanedUp();
    }

    [Fact]
    public void SaveStoresBothPooledRunsAndCoverLetterFollowsTheVerdict()
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, centerA: 100, centerB: 125), "main", "topic", "--rounds", "2",
            "--filter", "*Walk*", "--save", "--cover-letter");

        Assert.Equal(1, exit);
        string[] stored = Directory.GetFiles(temp.ResultsRoot, "*.json", SearchOption.AllDirectories);
        Assert.Equal(2, stored.Length);
        var pooled = stored.Select(ResultsStore.Load).ToList();
        Assert.All(pooled, e => Assert.Equal("ab", e.Job));
        // Two rounds of five samples pooled on each side.
        Assert.All(pooled, e => Assert.Equal(10, Assert.Single(e.Benchmarks).SamplesNs.Length));
        Assert.Contains("ab: pooled A stored as ", error);
        Assert.Contains("ab: pooled B stored as ", error);
        string letter = output[output.IndexOf("\n\n", StringComparison.Ordinal)..];
        Assert.Contains("Base -> head", letter);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 72, line));
        AssertCleanedUp();
    }

    [Fact]
    public void AOnAIsSame()
    {
        var runs = new List<string>();

        (int exit, string output, _) = Run(Dotnet(runs), "main", "topic", "--rounds", "2", "--filter", "*Walk*");

        Assert.Equal(0, exit);
        Assert.Contains("same", output);
        AssertCleanedUp();
    }

    [Fact]
    public void CancellationDuringARoundRemovesWorktrees()
    {
        var runs = new List<string>();

        (int exit, _, string error) = Run(Dotnet(runs, cancelAtRun: 3), "main", "topic", "--filter", "*Walk*");

        Assert.Equal(2, exit);
        Assert.EndsWith("\nnvbench: ab cancelled; worktrees removed\n", error);
        AssertCleanedUp();
    }

    [Fact]
    public void RunThatWritesNoResultsFileFailsAndRemovesWorktrees()
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, writeNothing: true), "main", "topic", "--filter", "*Walk*");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(["A"], runs);
        Assert.Matches(@"\nnvbench: round 1 of A: nvbench run wrote no results file under \S+\n$", error);
        AssertCleanedUp();
    }

    [Theory]
    [InlineData("no-such-branch", "nvbench: 'no-such-branch' is not a commit in ")]
    [InlineData("-x", "nvbench: '-x' is not a revision")]
    public void UnknownRevisionFailsBeforeAnyWorktree(string revision, string expected)
    {
        var runs = new List<string>();

        (int exit, _, string error) = Run(Dotnet(runs), "main", "--", revision);

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, Assert.Single(error.TrimEnd('\n').Split('\n')));
        Assert.Empty(git.Added);
        Assert.False(Directory.Exists(WorkRoot) && Directory.EnumerateFileSystemEntries(WorkRoot).Any());
    }

    [Theory]
    [InlineData("0", "nvbench: option --rounds: 0 is below the minimum 1")]
    [InlineData("101", "nvbench: option --rounds: 101 is above the maximum 100")]
    [InlineData("x", "nvbench: option --rounds: 'x' is not an integer")]
    public void RoundsMustBeAPositiveInteger(string rounds, string expected)
    {
        (int exit, _, string error) = Run(Dotnet([]), "main", "topic", "--rounds", rounds);

        Assert.Equal(2, exit);
        Assert.Equal(expected + "\n", error);
        Assert.Empty(git.Added);
    }

    /// <summary>Fake git: rev-parse knows main and topic; worktree add/remove create and delete the folder.</summary>
    private sealed class FakeGit
    {
        public List<string> Added { get; } = [];

        public List<string> Removed { get; } = [];

        public bool Pruned { get; private set; }

        public ProcessResult Run(IReadOnlyList<string> arguments, string workingDirectory)
        {
            switch (arguments[0])
            {
                case "rev-parse":
                    return arguments[3] switch
                    {
                        "main^{commit}" => new ProcessResult(0, CommitA + "\n", ""),
                        "topic^{commit}" => new ProcessResult(0, CommitB + "\n", ""),
                        _ => new ProcessResult(1, "", ""),
                    };
                case "worktree" when arguments[1] == "add":
                    Assert.Equal("--detach", arguments[2]);
                    Directory.CreateDirectory(arguments[3]);
                    File.WriteAllText(Path.Combine(arguments[3], "commit.txt"), arguments[4]);
                    Added.Add(arguments[3]);
                    return new ProcessResult(0, "", "");
                case "worktree" when arguments[1] == "remove":
                    Assert.Equal("--force", arguments[2]);
                    Directory.Delete(arguments[3], recursive: true);
                    Removed.Add(arguments[3]);
                    return new ProcessResult(0, "", "");
                case "worktree" when arguments[1] == "prune":
                    Pruned = true;
                    return new ProcessResult(0, "", "");
                default:
                    throw new InvalidOperationException(string.Join(' ', arguments));
            }
        }
    }
}
