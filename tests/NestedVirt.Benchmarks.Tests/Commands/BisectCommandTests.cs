using System.Globalization;
using System.Runtime.InteropServices;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Harness.Tests.Git;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// bisect on a throw-away repository this test builds with real git: five commits, a 6%
/// slowdown planted in the third (its file <c>slowdown.txt</c> says 6). Worktrees are real
/// (git worktree add/remove); only the benchmark process is faked: "dotnet run" reads
/// <c>slowdown.txt</c> from the worktree it runs in and stores a results file with samples
/// that much slower, as the run verb would.
/// </summary>
public sealed class BisectCommandTests : IDisposable
{
    private readonly TempGitRepository repo = new();
    private readonly TempFolder work = new();
    private readonly string[] commits;
    private Interruption interruption = new(TextWriter.Null);

    public BisectCommandTests()
    {
        commits =
        [
            repo.Commit("slowdown.txt", "0", "Add the walk benchmark"),
            repo.Commit("README", "docs", "Describe the walk"),
            repo.Commit("slowdown.txt", "6", "Walk: check reserved bits twice"),
            repo.Commit("README", "more docs", "Describe the checks"),
            repo.Commit("NOTES", "notes", "Add notes"),
        ];
    }

    public void Dispose()
    {
        repo.Dispose();
        work.Dispose();
    }

    // Git runs for real (real worktrees in a real repository); only dotnet is faked.
    private static ProcessResult RealGit(IReadOnlyList<string> args, string dir) =>
        SystemProcessRunner.Instance.Git(args, dir, CancellationToken.None);

    private FakeProcessRunner Dotnet(int cancelAtRun = -1, PosixSignal signal = PosixSignal.SIGINT)
    {
        int runs = 0;
        return new FakeProcessRunner((file, args, dir) =>
        {
            Assert.Equal("dotnet", file);
            if (args[0] == "build")
            {
                return new ProcessResult(0, "", "");
            }

            if (++runs == cancelAtRun)
            {
                // What the shared handler does on a signal; the real runner then throws as below.
                interruption.Raise(signal);
                throw new OperationCanceledException(interruption.Token);
            }

            double slowdown = double.Parse(File.ReadAllText(Path.Combine(dir, "slowdown.txt")), CultureInfo.InvariantCulture);
            string outDir = args[args.Count - 1];
            ResultsStore.Write(Envelope("c", [Simple("Walk", Samples(100 * (1 + (slowdown / 100)), 10, phase: runs)), Simple("Steady", Samples(50, 10, phase: runs + 1))]), outDir);
            return new ProcessResult(0, "", "");
        }, RealGit);
    }

    private (int Exit, string Out, string Error) Bisect(FakeProcessRunner dotnet, params string[] args)
    {
        var command = new BisectCommand(dotnet, work.Path, () => CpuPinning.None);
        var output = new StringWriter();
        var error = new StringWriter();
        interruption = new Interruption(error, stopChildren: () => 0, exit: _ => { });
        var context = new CommandContext(output, error, repo.Path) { Interruption = interruption };
        int exit = new CommandDispatcher([command]).Run(["bisect", .. args], context);
        return (exit, output.ToString(), error.ToString());
    }

    private void AssertNoWorktreeLeft()
    {
        Assert.Single(repo.Git("worktree", "list").Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(work.Path));
    }

    [Fact]
    public void FindsThePlantedCommitAndPrintsItsSubjectAndEvidence()
    {
        (int exit, string output, _) = Bisect(Dotnet(), commits[0], commits[4], "--filter", "*Walk*");

        Assert.Equal(0, exit);
        string[] lines = output.Split('\n');
        Assert.Equal("First slower commit:", lines[0]);
        Assert.Equal($"  {commits[2][..12]} Walk: check reserved bits twice", lines[1]);
        Assert.Contains($"step 0: {commits[4][..12]} (bad) Add notes", output);
        Assert.Contains("-> bad: slower", output);
        Assert.Contains("-> good: not slower", output);
        // Evidence: the chased benchmark with its ratio (1.06) and interval.
        Assert.Contains(lines, l => l.Contains("synthetic/walk", StringComparison.Ordinal) && l.Contains("1.060", StringComparison.Ordinal) && l.EndsWith("slower", StringComparison.Ordinal));
        Assert.DoesNotContain("synthetic/steady", output);
        Assert.All(lines, l => Assert.True(l.Length <= 72, l));
        AssertNoWorktreeLeft();
    }

    [Fact]
    public void BadThatIsNotSlowerExitsOneWithEvidence()
    {
        (int exit, string output, _) = Bisect(Dotnet(), commits[0], commits[1], "--filter", "*");

        Assert.Equal(1, exit);
        Assert.StartsWith($"BAD {commits[1][..12]} is not slower than GOOD {commits[0][..12]}", output);
        Assert.Contains("synthetic/steady", output);
        AssertNoWorktreeLeft();
    }

    // A signal in the middle of a step (run 7 is in the first binary-search step): that
    // step's worktrees go, the exit status is 128 + the signal, and no cleanup stays registered.
    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    [InlineData(PosixSignal.SIGHUP, 129)]
    public void ASignalMidStepRemovesTheWorktreesAndExitsWithTheSignalsCode(PosixSignal signal, int expected)
    {
        (int exit, string output, string error) = Bisect(Dotnet(cancelAtRun: 7, signal: signal), commits[0], commits[4], "--filter", "*Walk*");

        Assert.Equal(expected, exit);
        Assert.Equal("", output);
        Assert.EndsWith($"\nnvbench: interrupted by {signal}\n", error);
        AssertNoWorktreeLeft();
        Assert.Equal(0, interruption.Cleanups.Count);
    }

    [Fact]
    public void GoodThatIsNotAnAncestorIsOneLineAndExitTwo()
    {
        (int exit, string output, string error) = Bisect(Dotnet(), commits[4], commits[0], "--filter", "*");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"nvbench: GOOD {commits[4][..12]} is not an ancestor of BAD {commits[0][..12]}\n", error);
        AssertNoWorktreeLeft();
    }

    [Fact]
    public void FilterIsRequired()
    {
        (int exit, _, string error) = Bisect(Dotnet(), commits[0], commits[4]);

        Assert.Equal(2, exit);
        Assert.Contains("bisect needs --filter GLOB", error);
    }
}
