using NestedVirt.Harness.Commands;
using NestedVirt.Harness.Commands.Processes;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Commands;

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
    /// <paramref name="failingSide"/>; "run" writes an envelope whose samples are centred on
    /// <paramref name="centerA"/> or <paramref name="centerB"/>, and can throw as Ctrl-C would.
    /// </summary>
    private FakeProcessRunner Dotnet(List<string> runOrder, double centerA = 100, double centerB = 100, string? failingSide = null, int buildExit = 1, int cancelAtRun = -1) =>
        new((file, args, dir) =>
        {
            Assert.Equal("dotnet", file);
            string side = File.ReadAllText(Path.Combine(dir, "commit.txt")) == CommitA ? "A" : "B";
            if (args[0] == "build")
            {
                Assert.Equal(["build", "-c", "Release", "bench/NestedVirt.Benchmarks"], args);
                return side == failingSide ? new ProcessResult(buildExit, "error CS1002: ; expected", "") : new ProcessResult(0, "", "");
            }

            Assert.Equal(["run", "--no-build", "-c", "Release", "--project", "bench/NestedVirt.Benchmarks", "--", "run", "--filter", "*Walk*"], args.Take(10));
            runOrder.Add(side);
            if (runOrder.Count == cancelAtRun)
            {
                throw new OperationCanceledException();
            }

            string outDir = args[11];
            double center = side == "A" ? centerA : centerB;
            EnvelopeFiles.Save(Path.Combine(outDir, "run.json"), Envelope(side == "A" ? "aaaa" : "bbbb", [Simple("Walk", Samples(center, 5, phase: runOrder.Count))]));
            return new ProcessResult(0, "", "");
        });

    private (int Exit, string Out, string Error) Run(FakeProcessRunner dotnet, params string[] args)
    {
        (var context, StringWriter output, StringWriter error) = temp.Context();
        int exit = new AbCommand(git, dotnet, WorkRoot).Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

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
        Assert.EndsWith("nvbench ab: build of B failed (exit code 1)\n", error);
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
        Assert.EndsWith("nvbench ab: cancelled; worktrees removed\n", error);
        AssertCleanedUp();
    }

    [Fact]
    public void UnknownRevisionFailsBeforeAnyWorktree()
    {
        var runs = new List<string>();

        (int exit, _, string error) = Run(Dotnet(runs), "main", "no-such-branch");

        Assert.Equal(2, exit);
        Assert.Contains("'no-such-branch' is not a commit", error);
        Assert.Empty(git.Added);
        Assert.Empty(Directory.GetFileSystemEntries(WorkRoot));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    public void RoundsMustBeAPositiveInteger(string rounds)
    {
        Assert.Equal(2, Run(Dotnet([]), "main", "topic", "--rounds", rounds).Exit);
        Assert.Empty(git.Added);
    }

    /// <summary>Fake git: rev-parse knows main and topic; worktree add/remove create and delete the folder.</summary>
    private sealed class FakeGit : IGitRunner
    {
        public List<string> Added { get; } = [];

        public List<string> Removed { get; } = [];

        public bool Pruned { get; private set; }

        public ProcessResult Run(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
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
