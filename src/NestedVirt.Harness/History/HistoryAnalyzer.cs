using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.History;

/// <summary>Builds per-benchmark series over commits from stored runs and finds their shifts.</summary>
public static class HistoryAnalyzer
{
    /// <summary>
    /// Orders runs by <paramref name="order"/>; runs of a commit the order leaves out are dropped.
    /// Runs of the same commit keep their relative order.
    /// </summary>
    /// <param name="envelopes">Stored runs, any order.</param>
    /// <param name="order">The commit order.</param>
    public static IReadOnlyList<ResultsEnvelope> OrderByCommit(IEnumerable<ResultsEnvelope> envelopes, ICommitOrder order)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        ArgumentNullException.ThrowIfNull(order);
        var byCommit = new Dictionary<string, List<ResultsEnvelope>>(StringComparer.Ordinal);
        foreach (ResultsEnvelope e in envelopes)
        {
            if (!byCommit.TryGetValue(e.Git.Commit, out List<ResultsEnvelope>? runs))
            {
                runs = [];
                byCommit[e.Git.Commit] = runs;
            }

            runs.Add(e);
        }

        var ordered = new List<ResultsEnvelope>();
        foreach (string commit in order.Order(byCommit.Keys))
        {
            if (byCommit.TryGetValue(commit, out List<ResultsEnvelope>? runs))
            {
                ordered.AddRange(runs);
            }
        }

        return ordered;
    }

    /// <summary>
    /// Analyses runs already in commit order (the first run of each commit fixes its place).
    /// Dirty runs, runs of other machines and runs without a commit are skipped and counted.
    /// </summary>
    /// <param name="orderedEnvelopes">Runs in commit order, oldest first.</param>
    /// <param name="options">Machine, suite filter and change-point settings.</param>
    public static HistoryReport Analyze(IReadOnlyList<ResultsEnvelope> orderedEnvelopes, HistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(orderedEnvelopes);
        ArgumentNullException.ThrowIfNull(options);
        int dirty = 0, otherMachine = 0, unknown = 0, smoke = 0;
        var instructions = new InstructionHistory();
        var commits = new List<string>();
        var commitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new SortedDictionary<string, (BenchmarkKey Key, SortedDictionary<int, List<double>> ByCommit)>(StringComparer.Ordinal);
        foreach (ResultsEnvelope e in orderedEnvelopes)
        {
            if (!string.Equals(e.MachineId, options.MachineId, StringComparison.Ordinal))
            {
                otherMachine++;
                continue;
            }

            if (e.IsSmokeRun && !options.ChangePoints.Comparison.IncludeSmoke)
            {
                smoke++;
                continue;
            }

            if (e.Git.Dirty)
            {
                dirty++;
                continue;
            }

            if (string.IsNullOrEmpty(e.Git.Commit) || e.Git.Commit == "unknown" || e.Git.UnknownReason is not null)
            {
                unknown++;
                continue;
            }

            instructions.Add(e);
            if (!commitIndex.TryGetValue(e.Git.Commit, out int index))
            {
                index = commits.Count;
                commitIndex[e.Git.Commit] = index;
                commits.Add(BenchmarkComparer.CommitLabel(e.Git));
            }

            foreach (BenchmarkResult b in e.Benchmarks)
            {
                if (b.SamplesNs.Length == 0 || (options.Suite is { } suite && !string.Equals(b.Suite, suite, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (!samples.TryGetValue(b.Id, out var entry))
                {
                    entry = (BenchmarkKey.From(b), new SortedDictionary<int, List<double>>());
                    samples[b.Id] = entry;
                }

                if (!entry.ByCommit.TryGetValue(index, out List<double>? pooled))
                {
                    pooled = [];
                    entry.ByCommit[index] = pooled;
                }

                pooled.AddRange(b.SamplesNs);
            }
        }

        var analyzer = new ChangePointAnalyzer(options.ChangePoints);
        var series = new List<(BenchmarkKey Key, SortedDictionary<int, List<double>> ByCommit)>(samples.Values);
        var histories = new BenchmarkHistory[series.Count];

        // Benchmarks are independent series: analyse them on every core (thousands of commits
        // make this the slow part of history).
        Parallel.For(0, series.Count, b =>
        {
            (BenchmarkKey key, SortedDictionary<int, List<double>> byCommit) = series[b];
            var points = new List<SeriesPoint>(byCommit.Count);
            foreach ((int index, List<double> pooled) in byCommit)
            {
                points.Add(new SeriesPoint(commits[index], pooled));
            }

            histories[b] = new BenchmarkHistory(key, points, analyzer.Analyze(points, options.WindowCache?.Invoke(key.Id)));
        });

        return new HistoryReport
        {
            MachineId = options.MachineId,
            Commits = commits,
            Benchmarks = histories,
            SkippedDirty = dirty,
            SkippedSmoke = smoke,
            SkippedOtherMachine = otherMachine,
            SkippedUnknownCommit = unknown,
            InstructionSteps = instructions.Steps,
            InstructionNotes = instructions.Notes,
        };
    }
}
