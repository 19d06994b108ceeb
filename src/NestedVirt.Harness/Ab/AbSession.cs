using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Ab;

/// <summary>
/// An interleaved A/B benchmark session: both revisions checked out into temporary git
/// worktrees, each built once, then A and B run alternately (A, B, A, B, ...) one process per
/// run, so slow drifts of a noisy machine hit both sides alike; the rounds of each side are
/// pooled and compared. Worktrees are removed whatever happens (success, failure, cancellation).
/// </summary>
public sealed class AbSession
{
    /// <summary>The benchmark project, relative to the repository root.</summary>
    public const string BenchmarkProject = "bench/NestedVirt.Benchmarks";

    private const int OutputTailLines = 20;
    private readonly IProcessRunner processes;
    private readonly TextWriter progress;

    /// <summary>Creates a session.</summary>
    /// <param name="processes">Runs git (worktree add/remove, rev-parse), <c>dotnet build</c> and <c>dotnet run</c>.</param>
    /// <param name="progress">Receives one progress line per step.</param>
    public AbSession(IProcessRunner processes, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(progress);
        this.processes = processes;
        this.progress = progress;
    }

    /// <summary>Runs the session.</summary>
    /// <param name="options">Revisions, rounds, filter and thresholds.</param>
    /// <param name="cancellationToken">Cancels between and during steps; cleanup still runs.</param>
    /// <exception cref="HarnessException">A git, build or benchmark step failed (one line; the tail of the step's output went to the progress writer).</exception>
    /// <exception cref="OperationCanceledException">Cancelled (Ctrl-C).</exception>
    public AbResult Run(AbOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Rounds, "An A/B session needs at least one round.");
        }

        options.Comparison.Validate();
        string root = Path.Combine(options.WorkRoot ?? Path.GetTempPath(), "nvbench-ab-" + Guid.NewGuid().ToString("N")[..12]);
        var worktrees = new List<string>();
        try
        {
            CreateSessionFolder(root);
            string commitA = Resolve(options, options.RevisionA, cancellationToken);
            string commitB = Resolve(options, options.RevisionB, cancellationToken);
            progress.Write($"ab: A = {options.RevisionA} ({Short(commitA)}), B = {options.RevisionB} ({Short(commitB)}), {options.Rounds} round(s), filter {options.Filter}\n");
            string dirA = Path.Combine(root, "a");
            string dirB = Path.Combine(root, "b");
            AddWorktree(options, worktrees, dirA, commitA, "A", cancellationToken);
            AddWorktree(options, worktrees, dirB, commitB, "B", cancellationToken);
            Build(dirA, "A", cancellationToken);
            Build(dirB, "B", cancellationToken);
            var runsA = new List<ResultsEnvelope>();
            var runsB = new List<ResultsEnvelope>();
            for (int round = 1; round <= options.Rounds; round++)
            {
                runsA.AddRange(RunBenchmarks(options, root, dirA, "A", round, cancellationToken));
                runsB.AddRange(RunBenchmarks(options, root, dirB, "B", round, cancellationToken));
            }

            ResultsEnvelope pooledA = EnvelopePool.Pool(runsA);
            ResultsEnvelope pooledB = EnvelopePool.Pool(runsB);
            ComparisonReport report = new BenchmarkComparer(options.Comparison).Compare(pooledA, pooledB);
            return new AbResult(pooledA, pooledB, report);
        }
        finally
        {
            Cleanup(options, worktrees, root);
        }
    }

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
            throw new HarnessException($"'{revision}' is not a commit in {options.RepositoryRoot}");
        }

        return commit;
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
        progress.Write($"ab: round {round}/{options.Rounds}: {side}\n");

        // The run verb stores one results file under <out>/<machine-id>/ (RunCommand and
        // ResultsStore.Write); --quick keeps a round to the headline cases.
        ProcessResult result = processes.Run(
            "dotnet",
            ["run", "--no-build", "-c", "Release", "--project", BenchmarkProject, "--", "run", "--quick", "--filter", options.Filter, "--out", outDir],
            dir,
            cancellationToken);
        if (!result.Succeeded)
        {
            Tail(result);
            throw new HarnessException($"round {round} of {side}: nvbench run failed (exit code {result.ExitCode})");
        }

        var runs = new List<ResultsEnvelope>();
        foreach (string file in StoredRunFiles(outDir))
        {
            runs.Add(ResultsStore.Load(file));
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

    private void Cleanup(AbOptions options, List<string> worktrees, string root)
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

        TryDelete(root);
    }

    private static void CreateSessionFolder(string root)
    {
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot create the A/B work folder '{root}': {e.Message}", innerException: e);
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
