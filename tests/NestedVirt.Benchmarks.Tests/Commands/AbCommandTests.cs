using System.Runtime.InteropServices;
using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class AbCommandTests : IDisposable
{
    private const string CommitA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string CommitB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private readonly TempFolder temp = new();
    private Interruption interruption = new(TextWriter.Null);
    private FakeGit git = new();

    public AbCommandTests()
    {
        // The session folder is made inside it; like TMPDIR, it must exist.
        Directory.CreateDirectory(WorkRoot);
    }

    public void Dispose() => temp.Dispose();

    private string WorkRoot => Path.Combine(temp.Path, "work");

    /// <summary>
    /// Fake dotnet: "build" answers <paramref name="buildExit"/> for the worktree of
    /// <paramref name="failingSide"/>; "run" stores an envelope as the run verb does (under
    /// <c>--out/&lt;machine-id&gt;/</c>, beside an in-progress temporary file) whose samples are
    /// centred on <paramref name="centerA"/> or <paramref name="centerB"/>, and can throw as
    /// Ctrl-C would or write nothing.
    /// </summary>
    private FakeProcessRunner Dotnet(List<string> runOrder, double centerA = 100, double centerB = 100, string? failingSide = null, int buildExit = 1, int cancelAtRun = -1, bool writeNothing = false, PosixSignal signal = PosixSignal.SIGINT, string? runError = null) =>
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
                // What the shared handler does on a signal; the real runner then throws as below.
                interruption.Raise(signal);
                throw new OperationCanceledException(interruption.Token);
            }

            if (runError is not null)
            {
                return new ProcessResult(2, "", "nvbench: quick run of 0 case(s)\n" + runError + "\n");
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

    private (int Exit, string Out, string Error) Run(FakeProcessRunner dotnet, params string[] args)
    {
        (CommandContext context, StringWriter output, StringWriter error) = temp.Context();
        interruption = new Interruption(error, stopChildren: () => 0, exit: _ => { });
        var command = new AbCommand(new FakeProcessRunner((f, a, d) => dotnet.Run(f, a, d, CancellationToken.None), git.Run), WorkRoot, () => CpuPinning.None);
        int exit = new CommandDispatcher([command]).Run([command.Name, .. args], context with { Interruption = interruption });
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
        // ABBA: the second round runs B first.
        Assert.Equal(["A", "B", "B", "A", "A", "B"], runs);
        Assert.Contains("synthetic/walk", output);
        Assert.Contains("1.250", output);
        Assert.Contains("slower", output);
        Assert.Contains("ab: round 3/3: B", error);
        AssertCleanedUp();
    }

    [Fact]
    public void SequentialSessionStopsAtTheFirstLookWhereEveryBenchmarkIsDecided()
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, centerA: 100, centerB: 100), "main", "topic", "--min-rounds", "2", "--max-rounds", "6", "--filter", "*Walk*");

        // No change: "same" is decided once the interval lies inside +-1 %, here after round 4 of 6.
        Assert.Equal(0, exit);
        Assert.Equal(["A", "B", "B", "A", "A", "B", "B", "A"], runs);
        Assert.Contains("ab: look after round 3: 0 slower, 0 faster, 1 undecided", error);
        Assert.Contains("ab: look after round 4: 0 slower, 0 faster, 0 undecided", error);
        Assert.Contains("same", output);
        AssertCleanedUp();
    }

    // Two runs a side separate by chance one time in three with no change at all, so a shift
    // decided at round 2 waits for a third round before it ends the session (SequentialPlan).
    [Fact]
    public void AShiftDecidedAfterTwoRoundsWaitsForAThird()
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, centerA: 100, centerB: 125), "main", "topic", "--min-rounds", "2", "--max-rounds", "6", "--filter", "*Walk*");

        Assert.Equal(1, exit);
        Assert.Equal(["A", "B", "B", "A", "A", "B"], runs);
        Assert.Contains("ab: look after round 2: 1 slower, 0 faster, 0 undecided", error);
        Assert.Contains("a shift needs 3 runs a side before it ends the session; one more round", error);
        Assert.Contains("ab: look after round 3: 1 slower, 0 faster, 0 undecided", error);
        Assert.Contains("slower", output);
        AssertCleanedUp();
    }

    [Fact]
    public void AnUndecidedBenchmarkRunsToTheMaximumAndIsReportedUnsure()
    {
        var runs = new List<string>();

        // +1.2%: the interval straddles the 1% minimum effect with 5 samples a side per round.
        (int exit, string output, string error) = Run(Dotnet(runs, centerA: 100, centerB: 101.2), "main", "topic", "--min-rounds", "1", "--max-rounds", "2", "--filter", "*Walk*");

        Assert.Equal(0, exit);
        Assert.Equal(4, runs.Count);
        Assert.Contains("unsure", output);
        Assert.Contains("1 benchmark(s) still undecided after 2 rounds", error);
        AssertCleanedUp();
    }

    [Fact]
    public void IsolatedCpusPinEveryBenchmarkProcessWithTaskset()
    {
        CpuPinning pinning = CpuPinning.Decide("2-3\n", name => name == "taskset" ? "/usr/bin/taskset" : null);

        (string file, IReadOnlyList<string> args) = pinning.Wrap("dotnet", ["run", "x"]);

        Assert.Equal("/usr/bin/taskset", file);
        Assert.Equal(["-c", "2-3", "dotnet", "run", "x"], args);
        Assert.Equal("pinned to isolated CPUs 2-3 (taskset -c 2-3)", pinning.Reason);
        (string unpinned, IReadOnlyList<string> unpinnedArgs) = CpuPinning.Decide("", _ => "/usr/bin/taskset").Wrap("dotnet", ["run"]);
        Assert.Equal("dotnet", unpinned);
        Assert.Equal(["run"], unpinnedArgs);
        Assert.Equal("not pinned: no isolated CPUs (boot with isolcpus=)", CpuPinning.Decide("\n", _ => null).Reason);
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

    // Issue 11: a cancelled ab exited 2, like bad input; now 128 + the signal, as a shell reports it.
    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    [InlineData(PosixSignal.SIGHUP, 129)]
    public void ASignalDuringARoundRemovesWorktreesAndExitsWithTheSignalsCode(PosixSignal signal, int expected)
    {
        var runs = new List<string>();

        (int exit, string output, string error) = Run(Dotnet(runs, cancelAtRun: 3, signal: signal), "main", "topic", "--filter", "*Walk*");

        Assert.Equal(expected, exit);
        Assert.Equal("", output);
        Assert.EndsWith($"\nnvbench: interrupted by {signal}\n", error);
        Assert.DoesNotContain("cancelled", error);
        AssertCleanedUp();
        Assert.Equal(0, interruption.Cleanups.Count);
    }

    // Issue 11 item 9: a filter that selects nothing is named as such, not as "run failed".
    [Fact]
    public void AFilterThatSelectsNothingIsTheOneLineError()
    {
        var runs = new List<string>();

        (int exit, _, string error) = Run(Dotnet(runs, runError: "nvbench: no benchmark matches --filter '*Wlak*' (see 'nvbench list')"), "main", "topic", "--filter", "*Walk*");

        Assert.Equal(2, exit);
        Assert.EndsWith("\nnvbench: round 1 of A: nvbench run failed: no benchmark matches --filter '*Wlak*' (see 'nvbench list')\n", error);
        AssertCleanedUp();
    }

    // Issue 11: outside a repository every revision "is not a commit", which sent people looking
    // for a typo; and a shallow clone (CI's default) got no hint.
    [Theory]
    [InlineData(true, false, "is not a git repository; ab checks both revisions out of the checkout nvbench runs from")]
    [InlineData(false, true, "'HEAD~1' is not a commit in {0}, a shallow clone: fetch the history first (git fetch --unshallow)")]
    public void ARevisionThatDoesNotResolveSaysWhy(bool notARepository, bool shallow, string expected)
    {
        git = new FakeGit { NotARepository = notARepository, Shallow = shallow };

        (int exit, _, string error) = Run(Dotnet([]), "HEAD~1", "HEAD");

        Assert.Equal(2, exit);
        string line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.EndsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, temp.Path), line);
        Assert.Empty(git.Added);
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

        public bool NotARepository { get; init; }

        public bool Shallow { get; init; }

        public ProcessResult Run(IReadOnlyList<string> arguments, string workingDirectory)
        {
            switch (arguments[0])
            {
                case "rev-parse" when arguments[1] == "--git-dir":
                    return NotARepository ? new ProcessResult(128, "", "fatal: not a git repository") : new ProcessResult(0, ".git\n", "");
                case "rev-parse" when arguments[1] == "--is-shallow-repository":
                    return new ProcessResult(0, Shallow ? "true\n" : "false\n", "");
                case "rev-parse" when NotARepository:
                    return new ProcessResult(128, "", "fatal: not a git repository");
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
