using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Statistics;

/// <summary>
/// Compares two results envelopes benchmark by benchmark: timing verdicts for ids present on
/// both sides, exact comparison of deterministic counters, and the ids only on one side.
/// </summary>
public sealed class BenchmarkComparer
{
    /// <summary>Creates a comparer with the given thresholds.</summary>
    /// <param name="options">Thresholds and policy; validated here.</param>
    public BenchmarkComparer(ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>Thresholds and policy.</summary>
    public ComparisonOptions Options { get; }

    /// <summary>Compares <paramref name="head"/> against <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The base results.</param>
    /// <param name="head">The head results.</param>
    /// <exception cref="MachineMismatchException">Different machine ids and cross-machine not allowed.</exception>
    /// <exception cref="SetupMismatchException">Different toolchains or jobs and mixing not allowed.</exception>
    /// <exception cref="HarnessException">A benchmark id appears twice in one envelope.</exception>
    public ComparisonReport Compare(ResultsEnvelope baseline, ResultsEnvelope head)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        if (!string.Equals(baseline.MachineId, head.MachineId, StringComparison.Ordinal) && !Options.AllowCrossMachine)
        {
            throw new MachineMismatchException(baseline.MachineId, head.MachineId);
        }

        RefuseSmoke(baseline, "base");
        RefuseSmoke(head, "head");
        if (MeasurementSetup.Of(baseline).DifferenceFrom(MeasurementSetup.Of(head)) is { } difference && !Options.AllowMixedSetup)
        {
            throw new SetupMismatchException("base and head", difference);
        }

        SortedDictionary<string, BenchmarkResult> baseById = Index(baseline, "base");
        SortedDictionary<string, BenchmarkResult> headById = Index(head, "head");
        var keys = new List<BenchmarkKey>();
        var pairs = new List<(BenchmarkResult Base, BenchmarkResult Head)>();
        var modelChanges = new List<ModelChange>();
        var removed = new List<BenchmarkKey>();
        foreach ((string id, BenchmarkResult b) in baseById)
        {
            if (!headById.TryGetValue(id, out BenchmarkResult? h))
            {
                removed.Add(BenchmarkKey.From(b));
                continue;
            }

            var key = BenchmarkKey.From(h);
            keys.Add(key);
            pairs.Add((b, h));
            var changes = new List<CounterChange>(CompareCounters(b.Counters, h.Counters));
            if (InstructionChange(baseline, head, id) is { } instructions)
            {
                changes.Add(instructions);
            }

            if (changes.Count > 0)
            {
                modelChanges.Add(new ModelChange(key, changes));
            }
        }

        if (pairs.Count == 0)
        {
            // A comparison of nothing must not pass as "no regression".
            throw new HarnessException($"base and head have no benchmark in common ({baseById.Count} in base, {headById.Count} in head)");
        }

        // Every benchmark in common is one family: Holm over all of them (VerdictRule).
        var evidence = new ChangeEvidence[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            evidence[i] = VerdictRule.Evidence(pairs[i].Base.SamplesNs, pairs[i].Head.SamplesNs, Options, pairs.Count);
        }

        (ComparisonVerdict Verdict, bool Decided)[] verdicts = VerdictRule.Decide(evidence, Options);
        var benchmarks = new List<BenchmarkComparison>(pairs.Count);
        for (int i = 0; i < pairs.Count; i++)
        {
            ChangeEvidence e = evidence[i];
            double baseMedian = double.IsNaN(e.BaselineMedianNs) ? pairs[i].Base.MedianNs : e.BaselineMedianNs;
            double headMedian = double.IsNaN(e.CandidateMedianNs) ? pairs[i].Head.MedianNs : e.CandidateMedianNs;
            double ratio = double.IsNaN(e.Interval.Estimate) && baseMedian > 0 ? headMedian / baseMedian : e.Interval.Estimate;
            benchmarks.Add(new BenchmarkComparison(keys[i], verdicts[i].Verdict, baseMedian, headMedian, ratio, e.BaselineCount, e.CandidateCount)
            {
                Interval = e.Interval,
                Decided = verdicts[i].Decided,
            });
        }

        var added = new List<BenchmarkKey>();
        foreach ((string id, BenchmarkResult h) in headById)
        {
            if (!baseById.ContainsKey(id))
            {
                added.Add(BenchmarkKey.From(h));
            }
        }

        return new ComparisonReport
        {
            InstructionNote = InstructionNote(baseline, head),
            BaseCommit = CommitLabel(baseline.Git),
            HeadCommit = CommitLabel(head.Git),
            BaseMachineId = baseline.MachineId,
            HeadMachineId = head.MachineId,
            Options = Options,
            Benchmarks = benchmarks,
            ModelChanges = modelChanges,
            Added = added,
            Removed = removed,
        };
    }

    /// <summary>Compares counters exactly: they are deterministic event counts, so any difference is a model change.</summary>
    /// <param name="baseline">Base counters.</param>
    /// <param name="head">Head counters.</param>
    public static IReadOnlyList<CounterChange> CompareCounters(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> head)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        var names = new SortedSet<string>(baseline.Keys, StringComparer.Ordinal);
        names.UnionWith(head.Keys);
        var changes = new List<CounterChange>();
        foreach (string name in names)
        {
            bool inBase = baseline.TryGetValue(name, out double b);
            bool inHead = head.TryGetValue(name, out double h);
            if (inBase && inHead && b.Equals(h))
            {
                continue;
            }

            changes.Add(new CounterChange(name, inBase ? b : null, inHead ? h : null));
        }

        return changes;
    }

    /// <summary>The name an instruction-count change is reported under, beside the model counters.</summary>
    public const string InstructionsCounter = "instructions/op";

    /// <summary>
    /// Why the instruction counts of the two runs cannot be compared (one line), or null when they
    /// can or when neither side has any: one side without counts, or different setups
    /// (<see cref="Instructions.InstructionSetup"/>: runtime, JIT settings, N, case list).
    /// </summary>
    /// <param name="baseline">Base run.</param>
    /// <param name="head">Head run.</param>
    public static string? InstructionNote(ResultsEnvelope baseline, ResultsEnvelope head)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        int b = baseline.InstructionCounts.Count, h = head.InstructionCounts.Count;
        if (b == 0 && h == 0)
        {
            return null;
        }

        if (b == 0 || h == 0)
        {
            return $"instruction counts not compared: only the {(b == 0 ? "head" : "base")} run has them (run --icount)";
        }

        return Instructions.InstructionSetup.Incomparable(baseline.InstructionCounts[0].Setup, head.InstructionCounts[0].Setup);
    }

    /// <summary>
    /// The deterministic channel: instructions per operation (callgrind, stored by
    /// <c>run --icount</c>) compared exactly, like the model counters: one instruction more or
    /// fewer over the counted operations is a change. Only for comparable runs
    /// (<see cref="InstructionNote"/> null) and the same number of operations.
    /// </summary>
    /// <param name="baseline">Base run.</param>
    /// <param name="head">Head run.</param>
    /// <param name="id">Benchmark id.</param>
    /// <returns>The change, or null when equal, absent or not comparable.</returns>
    public static CounterChange? InstructionChange(ResultsEnvelope baseline, ResultsEnvelope head, string id)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        if (InstructionNote(baseline, head) is not null)
        {
            return null;
        }

        InstructionCount? b = baseline.InstructionCounts.Find(c => c.Id == id);
        InstructionCount? h = head.InstructionCounts.Find(c => c.Id == id);
        if (b is null || h is null)
        {
            return b is null && h is null ? null : new CounterChange(InstructionsCounter, b?.InstructionsPerOp, h?.InstructionsPerOp);
        }

        bool equal = b.Iterations == h.Iterations && b.Instructions == h.Instructions && b.InstructionsPerOp.Equals(h.InstructionsPerOp);
        return equal ? null : new CounterChange(InstructionsCounter, b.InstructionsPerOp, h.InstructionsPerOp);
    }

    /// <summary>The short commit of a run, with <c>-dirty</c> appended for a dirty work tree.</summary>
    /// <param name="git">The run's source revision.</param>
    public static string CommitLabel(GitInfo git)
    {
        ArgumentNullException.ThrowIfNull(git);
        string commit = string.IsNullOrEmpty(git.ShortCommit) ? git.Commit : git.ShortCommit;
        return git.Dirty ? commit + "-dirty" : commit;
    }

    private void RefuseSmoke(ResultsEnvelope run, string side)
    {
        if (run.IsSmokeRun && !Options.IncludeSmoke)
        {
            throw new HarnessException($"{side} run {CommitLabel(run.Git)} is a smoke run (job {run.Job}): its numbers mean nothing; pass --include-smoke to compare it anyway");
        }
    }

    private static SortedDictionary<string, BenchmarkResult> Index(ResultsEnvelope envelope, string side)
    {
        var byId = new SortedDictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        foreach (BenchmarkResult result in envelope.Benchmarks)
        {
            if (!byId.TryAdd(result.Id, result))
            {
                throw new HarnessException($"{side} results list benchmark id '{result.Id}' twice");
            }
        }

        return byId;
    }
}
