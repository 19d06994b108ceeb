using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Ab;

/// <summary>
/// An interleaved A/B benchmark session: both revisions checked out into temporary git
/// worktrees, each built once, then rounds of one A and one B run in ABBA order (A B, B A,
/// A B, ...), one process per run, so a linear drift of a noisy machine hits both sides alike;
/// the rounds of each side are pooled and, from the plan's minimum on, compared after every
/// round, stopping once every benchmark is decided (<see cref="SequentialPlan"/>). Benchmark
/// processes run on the isolated CPUs when there are any (<see cref="CpuPinning"/>). Worktrees
/// are removed whatever happens: success, failure, and a signal (the session registers them
/// with the shared <see cref="Interruption"/>, and its folder is a <see cref="TemporaryFolder"/>,
/// so even after a SIGKILL the next run removes and prunes them).
/// </summary>
public sealed class AbSession
{
    /// <summary>The benchmark project, relative to the repository root.</summary>
    public const string BenchmarkProject = "bench/NestedVirt.Benchmarks";

    private const int OutputTailLines = 20;
    private readonly IProcessRunner processes;
    private readonly TextWriter progress;
    private readonly Interruption interruption;

    /// <summary>Creates a session.</summary>
    /// <param name="processes">Runs git (worktree add/remove, rev-parse), <c>dotnet build</c> and <c>dotnet run</c>.</param>
    /// <param name="progress">Receives one progress line per step.</param>
    /// <param name="interruption">Removes the worktrees on a signal; the process's by default.</param>
    public AbSession(IProcessRunner processes, TextWriter progress, Interruption? interruption = null)
    {
        this.interruption = interruption ?? Interruption.Current;
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(progress);
        this.processes = processes;
        this.progress = progress;
    }

    /// <summary>Runs the session.</summary>
    /// <param name="options">Revisions, rounds, filter and thresholds.</param>
    /// <param name="cancellationToken">Cancels between and during steps; cleanup still runs.</param>
    /// <exception cref="HarnessException">A git, build or benchmark step failed (one line; the tail of the step's output went to the progress writer).</exception>
    /// <exception cref="OperationCanceledException">Cancelled (SIGINT, SIGTERM, SIGHUP through the token).</exception>
    public AbResult Run(AbOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Rounds.Validate();
        ComparisonOptions comparison = options.Comparison with { Looks = options.Rounds.Looks };
        comparison.Validate();
        string commitA = Resolve(options, options.RevisionA, cancellationToken);
        string commitB = Resolve(options, options.RevisionB, cancellationToken);
        using TemporaryFolder session = TemporaryFolder.Create("ab", interruption, options.WorkRoot);
        string root = session.Path;
        var worktrees = new List<string>();
        // Disposed before the folder (reverse order), and run by the signal handler if it comes to that.
        using Cleanup removeWorktrees = interruption.OnInterrupt($"the worktrees in {root}", () => RemoveWorktrees(options, worktrees));
        SequentialPlan plan = options.Rounds;
        string rounds = plan.MinRounds == plan.MaxRounds ? $"{plan.MaxRounds} round(s)" : $"{plan.MinRounds} to {plan.MaxRounds} rounds";
        progress.Write($"ab: A = {options.RevisionA} ({Short(commitA)}), B = {options.RevisionB} ({Short(commitB)}), {rounds}, filter {options.Filter}\n");
        progress.Write($"ab: {options.Pinning.Reason}\n");
        string dirA = Path.Combine(root, "a");
        string dirB = Path.Combine(root, "b");
        AddWorktree(options, worktrees, dirA, commitA, "A", cancellationToken);
        AddWorktree(options, worktrees, dirB, commitB, "B", cancellationToken);
        Build(dirA, "A", cancellationToken);
        Build(dirB, "B", cancellationToken);
        // Each side's runs, round by round: pooled for the verdict, per round for RoundAgreement.
        var roundsA = new List<IReadOnlyList<ResultsEnvelope>>();
        var roundsB = new List<IReadOnlyList<ResultsEnvelope>>();
        var comparer = new BenchmarkComparer(comparison);
        for (int round = 1; ; round++)
        {
            // ABBA: odd rounds A then B, even rounds B then A.
            bool aFirst = SequentialPlan.AFirst(round);
            (string dir, string side, List<IReadOnlyList<ResultsEnvelope>> runs) first = aFirst ? (dirA, "A", roundsA) : (dirB, "B", roundsB);
            (string dir, string side, List<IReadOnlyList<ResultsEnvelope>> runs) second = aFirst ? (dirB, "B", roundsB) : (dirA, "A", roundsA);
            first.runs.Add(RunBenchmarks(options, root, first.dir, first.side, round, cancellationToken));
            second.runs.Add(RunBenchmarks(options, root, second.dir, second.side, round, cancellationToken));
            if (!plan.LookAfter(round))
            {
                continue;
            }

            ResultsEnvelope pooledA = EnvelopePool.Pool([.. roundsA.SelectMany(r => r)]);
            ResultsEnvelope pooledB = EnvelopePool.Pool([.. roundsB.SelectMany(r => r)]);
            ComparisonReport report = RoundwiseAgreement(comparer.Compare(pooledA, pooledB), roundsA, roundsB);
            int open = report.Benchmarks.Count(b => !b.Decided && b.Verdict != ComparisonVerdict.InsufficientData);
            progress.Write($"ab: look after round {round}: {report.Count(ComparisonVerdict.Slower)} slower, {report.Count(ComparisonVerdict.Faster)} faster, {open} undecided\n");
            bool mayStop = plan.MayStopAfter(round, report.Count(ComparisonVerdict.Slower) + report.Count(ComparisonVerdict.Faster) > 0);
            if (report.AllDecided && !mayStop)
            {
                progress.Write($"ab: every benchmark decided, but a shift needs {SequentialPlan.RunsBeforeAShiftStops} runs a side before it ends the session; one more round\n");
            }

            if ((report.AllDecided && mayStop) || round == plan.MaxRounds)
            {
                if (!report.AllDecided)
                {
                    progress.Write($"ab: {open} benchmark(s) still undecided after {round} rounds; more rounds (--max-rounds) would narrow their intervals\n");
                }

                return new AbResult(pooledA, pooledB, report, round);
            }
        }
    }

    // A shift must show in the rounds, not only in the pooled samples (RoundAgreement).
    internal static ComparisonReport RoundwiseAgreement(ComparisonReport report,
        IReadOnlyList<IReadOnlyList<ResultsEnvelope>> roundsA, IReadOnlyList<IReadOnlyList<ResultsEnvelope>> roundsB)
    {
        var benchmarks = new List<BenchmarkComparison>(report.Benchmarks.Count);
        foreach (BenchmarkComparison comparison in report.Benchmarks)
        {
            string id = comparison.Key.Id;
            benchmarks.Add(RoundAgreement.Apply(comparison, RunMedians(roundsA, id), RunMedians(roundsB, id)));
        }

        return report.WithBenchmarks(benchmarks);
    }

    // One median per round: each round is one run (one process per benchmark) of that side.
    private static double[] RunMedians(IReadOnlyList<IReadOnlyList<ResultsEnvelope>> rounds, string id) =>
        [.. rounds.Select(round => RoundAgreement.RunMedian(Samples(round, id)))];

    private static List<double> Samples(IReadOnlyList<ResultsEnvelope> runs, string id) =>
        [.. runs.SelectMany(run => run.Benchmarks).Where(b => string.Equals(b.Id, id, StringComparison.Ordinal)).SelectMany(b => b.SamplesNs)];

    private string Resolve(AbOptions options, string revision, CancellationToken cancellationToken)
    {
        // "git rev-parse --verify -x" would read the revision as an option (GitReader refuses it too).
        if (revision.Length == 0 || revision.StartsWith('-'))
        {
            throw new HarnessException($"'{revision}' is not a revision");
        }

        ProcessResult result = processes.Git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], options.RepositoryRoot, cancellationToken);
        string commit = result.StandardOutput.Trim();
        if (!result.Succeeded || commit.Length == 0)
        {
            throw new HarnessException(WhyNotACommit(options.RepositoryRoot, revision, cancellationToken));
        }

        return commit;
    }

    // "is not a commit" only when it is true: outside a repository, or in a shallow clone whose
    // history stops short of the revision, say that instead (issue 11).
    private string WhyNotACommit(string repositoryRoot, string revision, CancellationToken cancellationToken)
    {
        if (!processes.Git(["rev-parse", "--git-dir"], repositoryRoot, cancellationToken).Succeeded)
        {
            return $"'{repositoryRoot}' is not a git repository; ab checks both revisions out of the checkout nvbench runs from";
        }

        bool shallow = processes.Git(["rev-parse", "--is-shallow-repository"], repositoryRoot, cancellationToken).StandardOutput.Trim() == "true";
        return shallow
            ? $"'{revision}' is not a commit in {repositoryRoot}, a shallow clone: fetch the history first (git fetch --unshallow)"
            : $"'{revision}' is not a commit in {repositoryRoot}";
    }

    private void AddWorktree(AbOptions options, List<string> worktrees, string dir, string commit, string side, CancellationToken cancellationToken)
    {
        // Registered before the call: a cancelled or half-done "worktree add" is cleaned up too.
        worktrees.Add(dir);
        progress.Write($"ab: worktree {side} at {dir}\n");
        ProcessResult result = processes.Git(["worktree", "add", "--detach", dir, commit], options.RepositoryRoot, cancellationToken);
        if (!result.Succeeded)
        {
            Tail(result);
            throw new HarnessException($"git worktree add for {side} failed (exit code {result.ExitCode})");
        }
    }

    private void Build(string dir, string side, CancellationToken cancellationToken)
    {
        progress.Write($"ab: building {side} (dotnet build -c Release {BenchmarkProject})\n");
        ProcessResult result = processes.Run("dotnet", ["build", "-c", "Release", BenchmarkProject], dir, cancellationToken);
        if (!result.Succeeded)
        {
            Tail(result);
            throw new HarnessException($"build of {side} failed (exit code {result.ExitCode})");
        }
    }

    private IReadOnlyList<ResultsEnvelope> RunBenchmarks(AbOptions options, string root, string dir, string side, int round, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string outDir = Path.Combine(root, "out", $"{side.ToLowerInvariant()}{round}");
        Directory.CreateDirectory(outDir);
        progress.Write($"ab: round {round}/{options.Rounds.MaxRounds}: {side}\n");

        // The run verb stores one results file under <out>/<machine-id>/ (RunCommand and
        // ResultsStore.Write); --quick keeps a round to the headline cases.
        (string file, IReadOnlyList<string> args) = options.Pinning.Wrap(
            "dotnet",
            ["run", "--no-build", "-c", "Release", "--project", BenchmarkProject, "--", "run", "--quick", "--filter", options.Filter, "--out", outDir]);
        ProcessResult result = processes.Run(file, args, dir, cancellationToken);
        if (!result.Succeeded)
        {
            Tail(result);
            string why = ChildError(result) is { } line ? $": {line}" : $" (exit code {result.ExitCode})";
            throw new HarnessException($"round {round} of {side}: nvbench run failed{why}");
        }

        var runs = new List<ResultsEnvelope>();
        foreach (string stored in StoredRunFiles(outDir))
        {
            runs.Add(ResultsStore.Load(stored));
        }

        if (runs.Count == 0)
        {
            throw new HarnessException($"round {round} of {side}: nvbench run wrote no results file under {outDir}");
        }

        return runs;
    }

    // Every stored run below the folder, in a stable order; hidden and in-progress temporary
    // files (ResultsFileName.IsStoredRun) are not runs.
    private static List<string> StoredRunFiles(string folder)
    {
        var files = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, "*" + ResultsFileName.Extension, SearchOption.AllDirectories))
        {
            if (ResultsFileName.IsStoredRun(Path.GetFileName(file)))
            {
                files.Add(file);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private void RemoveWorktrees(AbOptions options, List<string> worktrees)
    {
        foreach (string dir in worktrees)
        {
            progress.Write($"ab: removing worktree {dir}\n");
            ProcessResult result = processes.Git(["worktree", "remove", "--force", dir], options.RepositoryRoot, CancellationToken.None);
            if (!result.Succeeded && Directory.Exists(dir))
            {
                progress.Write($"ab: git worktree remove failed (exit code {result.ExitCode}); deleting {dir}\n");
                TryDelete(dir);
            }
        }

        if (worktrees.Count > 0)
        {
            processes.Git(["worktree", "prune"], options.RepositoryRoot, CancellationToken.None);
        }
    }

    private void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress.Write($"ab: could not delete {dir}: {HarnessException.OneLine(e.Message)}\n");
        }
    }

    // The child's own one-line error ("nvbench: no benchmark matches --filter ..."), so a filter
    // that selects nothing reads as such and not as a failed run.
    private static string? ChildError(ProcessResult result)
    {
        string[] lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (lines[i].StartsWith("nvbench: ", StringComparison.Ordinal))
            {
                return lines[i]["nvbench: ".Length..];
            }
        }

        return null;
    }

    private void Tail(ProcessResult result)
    {
        string[] lines = (result.StandardOutput + "\n" + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int start = Math.Max(0, lines.Length - OutputTailLines);
        for (int i = start; i < lines.Length; i++)
        {
            progress.Write($"  | {lines[i].TrimEnd('\r')}\n");
        }
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
