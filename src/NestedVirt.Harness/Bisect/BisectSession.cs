using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Bisect;

/// <summary>
/// Finds the first commit between GOOD and BAD where the selected benchmarks got slower, as
/// <c>git bisect</c> would: the commits after GOOD up to BAD on BAD's first-parent line, then a
/// binary search, each tested commit judged by an <see cref="AbSession"/> against GOOD (its own
/// worktrees in a <see cref="TemporaryFolder"/>, removed at the end of the step on success,
/// failure and a signal; after a SIGKILL, by the next long verb). Step 0 checks that BAD is
/// slower at all and fixes the benchmarks chased: the ones flagged slower there.
/// </summary>
/// <remarks>
/// A step is "bad" when a chased benchmark is flagged slower. When none is flagged but one is
/// undecided, the step goes to the side its ratio is closer to (more than half of BAD's change
/// is "bad"), and the evidence says so: bisect must decide every step, as git bisect does.
/// </remarks>
public sealed class BisectSession
{
    private readonly IProcessRunner processes;
    private readonly TextWriter progress;
    private readonly Interruption interruption;

    /// <summary>Creates a session.</summary>
    /// <param name="processes">Runs git, builds and benchmarks.</param>
    /// <param name="progress">Progress lines.</param>
    /// <param name="interruption">Removes each step's worktrees on a signal; the process's by default.</param>
    public BisectSession(IProcessRunner processes, TextWriter progress, Interruption? interruption = null)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(progress);
        this.processes = processes;
        this.progress = progress;
        this.interruption = interruption ?? Interruption.Current;
    }

    /// <summary>Runs the search.</summary>
    /// <param name="options">GOOD, BAD and the ab settings.</param>
    /// <param name="cancellationToken">Cancels between and during steps; each step's cleanup still runs.</param>
    /// <exception cref="HarnessException">Bad revisions, GOOD not an ancestor of BAD, or a failed step.</exception>
    public BisectResult Run(BisectOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string root = options.Ab.RepositoryRoot;
        string good = Resolve(root, options.Good, cancellationToken);
        string bad = Resolve(root, options.Bad, cancellationToken);
        if (good == bad)
        {
            throw new HarnessException($"GOOD and BAD are the same commit ({Short(good)})");
        }

        if (!processes.Git(["merge-base", "--is-ancestor", good, bad], root, cancellationToken).Succeeded)
        {
            throw new HarnessException($"GOOD {Short(good)} is not an ancestor of BAD {Short(bad)}");
        }

        List<string> candidates = FirstParentLine(root, good, bad, cancellationToken);
        progress.Write($"bisect: {candidates.Count} commit(s) after {Short(good)} up to {Short(bad)}; about {Steps(candidates.Count)} step(s) after checking BAD\n");
        var steps = new List<BisectStep>();

        BisectStep first = Test(options, good, bad, 0, null, null, cancellationToken);
        steps.Add(first);
        if (!first.Bad)
        {
            return new BisectResult(good, bad, candidates, steps, null);
        }

        var chased = new HashSet<string>(first.Evidence.Select(e => e.Key.Id), StringComparer.Ordinal);
        double badChange = first.Evidence.Max(e => e.Ratio) - 1;

        // Invariant: candidates[lo] is good (lo = -1 stands for GOOD), candidates[hi] is bad.
        int lo = -1;
        int hi = candidates.Count - 1;
        BisectStep firstBad = first;
        while (hi - lo > 1)
        {
            int mid = lo + ((hi - lo) / 2);
            BisectStep step = Test(options, good, candidates[mid], steps.Count, chased, badChange, cancellationToken);
            steps.Add(step);
            if (step.Bad)
            {
                hi = mid;
                firstBad = step;
            }
            else
            {
                lo = mid;
            }

            progress.Write($"bisect: {hi - lo - 1} commit(s) left to test\n");
        }

        // hi only ever moves to a bad step, so firstBad is the step of candidates[hi].
        return new BisectResult(good, bad, candidates, steps, firstBad);
    }

    private BisectStep Test(BisectOptions options, string good, string commit, int number, HashSet<string>? chased, double? badChange, CancellationToken cancellationToken)
    {
        string subject = Subject(options.Ab.RepositoryRoot, commit, cancellationToken);
        progress.Write($"bisect: step {number}: {Short(commit)} {subject}\n");
        AbOptions ab = options.Ab with { RevisionA = good, RevisionB = commit };
        AbResult result = new AbSession(processes, progress, interruption).Run(ab, cancellationToken);
        IReadOnlyList<BenchmarkComparison> all = result.Report.Benchmarks;
        if (chased is null)
        {
            // Step 0 (BAD): chase what is flagged slower; show everything when nothing is.
            var slower = all.Where(b => b.Verdict == ComparisonVerdict.Slower).ToList();
            bool isBad = slower.Count > 0;
            return new BisectStep(number, commit, subject, isBad, isBad ? "slower" : "not slower than GOOD", isBad ? slower : all, result.Rounds);
        }

        var evidence = all.Where(b => chased.Contains(b.Key.Id)).ToList();
        if (evidence.Any(b => b.Verdict == ComparisonVerdict.Slower))
        {
            return new BisectStep(number, commit, subject, true, "slower", evidence, result.Rounds);
        }

        if (evidence.Any(b => b.Verdict == ComparisonVerdict.Same && !b.Decided))
        {
            double change = evidence.Max(b => b.Ratio) - 1;
            bool closerToBad = change > badChange!.Value / 2;
            return new BisectStep(number, commit, subject, closerToBad, closerToBad ? "unsure, ratio closer to BAD's" : "unsure, ratio closer to GOOD's", evidence, result.Rounds);
        }

        return new BisectStep(number, commit, subject, false, "not slower", evidence, result.Rounds);
    }

    private List<string> FirstParentLine(string root, string good, string bad, CancellationToken cancellationToken)
    {
        ProcessResult list = processes.Git(["rev-list", "--reverse", "--first-parent", "--ancestry-path", $"{good}..{bad}"], root, cancellationToken);
        var commits = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!list.Succeeded || commits.Count == 0 || commits[^1] != bad)
        {
            throw new HarnessException($"cannot list the commits from {Short(good)} to {Short(bad)} on BAD's first-parent line (git exit code {list.ExitCode})");
        }

        return commits;
    }

    private string Resolve(string root, string revision, CancellationToken cancellationToken)
    {
        if (revision.Length == 0 || revision.StartsWith('-'))
        {
            throw new HarnessException($"'{revision}' is not a revision");
        }

        ProcessResult result = processes.Git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], root, cancellationToken);
        string commit = result.StandardOutput.Trim();
        return result.Succeeded && commit.Length > 0 ? commit : throw new HarnessException($"'{revision}' is not a commit in {root}");
    }

    private string Subject(string root, string commit, CancellationToken cancellationToken) =>
        processes.Git(["log", "-1", "--format=%s", commit], root, cancellationToken).StandardOutput.Trim();

    private static int Steps(int count) => count <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(count));

    /// <summary>The 12-digit abbreviation used in every line.</summary>
    /// <param name="commit">Full hash.</param>
    public static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
