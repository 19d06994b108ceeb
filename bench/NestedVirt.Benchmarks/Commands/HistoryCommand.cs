using System.Globalization;
using Microsoft.Data.Sqlite;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;
using NestedVirt.Harness.History;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>history</c>: every stored run of one machine in commit order (HEAD's git ancestry),
/// level shifts per benchmark ("shift at &lt;commit&gt;: +x%") and one SVG trend chart per suite
/// and a PNG of each (by <c>rsvg-convert</c> when installed, else in process, <see cref="PngTrendChart"/>).
/// </summary>
public sealed class HistoryCommand : ICommand
{
    private const int ShownMachines = 5;

    private readonly OptionSet options = ComparisonCommandLine.Declare(new OptionSet()
        .Option("machine", "ID", "machine id (default: this one's); repeatable")
        .Flag("all-machines", "every machine under results/, side by side")
        .Option("results", "DIR", "results folder (default results/)")
        .Option("suite", "NAME", "only this suite")
        .Option("min-distance", "N", "fewest commits between shifts (default 3)")
        .Option("window", "K", "commits pooled per side to confirm (default 5)")
        .Option("svg-dir", "DIR", "chart folder (default artifacts/history/ID)")
        .Flag("no-png", "write SVG charts only, no PNG")
        .Flag("fresh", "run EdPelt on every window, reusing nothing"));

    private readonly Func<IReadOnlyList<ResultsEnvelope>, ICommitOrder>? commitOrder;
    private readonly IProcessRunner processes;
    private readonly Func<string, string?> findExecutable;
    private readonly Func<string> currentMachineId;

    /// <summary>Creates the verb.</summary>
    /// <param name="commitOrder">Commit order for the loaded runs; default: HEAD's git ancestry in the repository, by run time when git cannot answer.</param>
    /// <param name="processes">Runs <c>rsvg-convert</c>; default: real processes.</param>
    /// <param name="findExecutable">Finds a program on PATH; default: <see cref="ExecutableLocator.Find"/>.</param>
    /// <param name="currentMachineId">This machine's id, used without <c>--machine</c>; default: <see cref="MachineProbe"/>.</param>
    public HistoryCommand(
        Func<IReadOnlyList<ResultsEnvelope>, ICommitOrder>? commitOrder = null,
        IProcessRunner? processes = null,
        Func<string, string?>? findExecutable = null,
        Func<string>? currentMachineId = null)
    {
        this.commitOrder = commitOrder;
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.findExecutable = findExecutable ?? ExecutableLocator.Find;
        this.currentMachineId = currentMachineId ?? (static () => new MachineProbe().Probe().Id);
    }

    /// <inheritdoc/>
    public string Name => "history";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "level shifts over commits and SVG trend charts";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench history [options]\n\n"
        + "Reads every run of one machine under results/, orders them by HEAD's\n"
        + "git ancestry (runs of other commits are skipped and counted; by run\n"
        + "time when git is unavailable), finds level shifts per benchmark\n"
        + "(EdPelt on the medians, each confirmed by the two-sample test on the\n"
        + "pooled runs around it) and writes one SVG trend chart per suite\n"
        + "and a PNG of it (rsvg-convert when on PATH, else drawn in process).\n"
        + "Dirty and smoke (dry job) runs are skipped. With several machines\n"
        + "each is analysed on its own and a table puts their latest medians\n"
        + "side by side, labelled by machine: timings of different machines\n"
        + "are never pooled.\n"
        + "Runs are read through the results index (see nvbench index), which\n"
        + "also keeps what EdPelt found in each window of 320 commits: a window\n"
        + "whose values are unchanged (same SHA-256) is not analysed again.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench history --suite NestedWalk --min-distance 4\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        var changePoints = new ChangePointOptions
        {
            MinDistance = parsed.GetInt32("min-distance", ChangePointOptions.Default.MinDistance, min: 1),
            Window = parsed.GetInt32("window", ChangePointOptions.Default.Window, min: 1),
            Comparison = ComparisonCommandLine.Read(parsed),
        };
        string resultsRoot = parsed.GetString("results") ?? context.ResultsRoot;
        string? suite = parsed.GetString("suite");
        using ResultsIndex index = ResultsIndex.Open(resultsRoot, context.Error);
        IReadOnlyList<string> machines = parsed.Has("all-machines") ? index.Machines() : parsed.GetAll("machine");
        if (machines.Count == 0)
        {
            machines = parsed.Has("all-machines") ? throw NoRuns("any machine", index) : [currentMachineId()];
        }

        string? svgRoot = parsed.GetString("svg-dir");
        bool png = !parsed.Has("no-png");
        bool fresh = parsed.Has("fresh");
        // Both candidate ancestries (the checkout's and the current folder's) are read once for
        // all machines; each machine's runs then pick the one that places more of their commits.
        var ancestries = new Lazy<AncestrySource.Candidates>(() => AncestrySource.Read(context.RepositoryRoot, context.WorkingDirectory));

        // Machines are independent histories: analysed side by side (the index is read and
        // written by one machine at a time), each one's output printed whole, in machine order.
        var jobs = new MachineJob[machines.Count];
        var gate = new object();
        Parallel.For(0, machines.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            string machine = machines[i];
            string svgDir = svgRoot is null
                ? Path.Combine(context.RepositoryRoot, "artifacts", "history", machine)
                : machines.Count > 1 ? Path.Combine(svgRoot, machine) : svgRoot;
            jobs[i] = new MachineJob();
            try
            {
                jobs[i].History = History(index, gate, machine, machines.Count > 1, suite, changePoints, ancestries, context.RepositoryRoot, svgDir, png, fresh, jobs[i]);
            }
            catch (Exception e)
            {
                // Rethrown unchanged below, after the output of the machines before it.
                jobs[i].Failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        });

        var side = new List<MachineHistory>(machines.Count);
        foreach (MachineJob job in jobs)
        {
            if (job.History is not null && commitOrder is null && ancestries.Value.IsEmpty && side.Count == 0)
            {
                context.Error.Write($"nvbench: history: no git history at '{context.RepositoryRoot}'; ordering commits by run time\n");
            }

            context.Out.Write(job.Out.ToString());
            context.Error.Write(job.Error.ToString());
            job.Failure?.Throw();
            side.Add(job.History!);
        }

        if (side.Count > 1)
        {
            context.Out.Write('\n');
            CrossMachineTable.Write(side, context.Out);
        }

        return 0;
    }

    private MachineHistory History(
        ResultsIndex index, object gate, string machine, bool labelled, string? suite, ChangePointOptions changePoints, Lazy<AncestrySource.Candidates> ancestries, string repositoryRoot, string svgDir, bool png, bool fresh, MachineJob job)
    {
        IReadOnlyList<StoredRun> stored;
        ChangePointWindowStore windows;
        lock (gate)
        {
            stored = index.LoadRuns(machine, suite);
            if (stored.Count == 0)
            {
                throw NoRuns(machine, index);
            }

            // A --suite that selects nothing is an error, not "0 benchmark(s)" (issue 11).
            if (suite is not null && index.Suites(machine) is { } suites && !suites.Contains(suite, StringComparer.Ordinal))
            {
                throw new HarnessException($"no benchmark of suite '{suite}' in the {stored.Count} run(s) of machine '{machine}'; suites there: {string.Join(", ", suites.Take(ShownMachines * 2))}");
            }

            windows = index.ChangePointWindows(machine, reuse: !fresh);
        }

        if (labelled)
        {
            job.Out.Write($"== {machine}\n");
        }

        var runs = new List<ResultsEnvelope>(stored.Count);
        foreach (StoredRun run in stored)
        {
            runs.Add(run.Envelope);
        }

        // Git ancestry when a repository has it, else run times.
        ICommitOrder order = commitOrder?.Invoke(runs)
            ?? ancestries.Value.Choose(runs.Select(static r => r.Git.Commit))
            ?? (ICommitOrder)new TimestampCommitOrder(runs);
        IReadOnlyList<ResultsEnvelope> ordered = HistoryAnalyzer.OrderByCommit(runs, order);
        RefuseMixedSetups(ordered, changePoints.Comparison.AllowMixedSetup);
        var historyOptions = new HistoryOptions { MachineId = machine, Suite = suite, ChangePoints = changePoints, WindowCache = windows.For };
        HistoryReport report = HistoryAnalyzer.Analyze(ordered, historyOptions);
        lock (gate)
        {
            SaveWindows(windows, job.Error, report.Commits.Count > SegmentedEdPelt.WindowLength);
        }

        // A shallow clone (CI's default) leaves older commits out of the ancestry: say so (issue 11).
        string shallow = ordered.Count < runs.Count && new GitReader(repositoryRoot).IsShallow()
            ? " (this clone is shallow: git fetch --unshallow)"
            : "";
        CheckSelection(report, runs, ordered, historyOptions, shallow);
        if (ordered.Count < runs.Count)
        {
            job.Out.Write($"{runs.Count - ordered.Count} run(s) skipped: {SkippedCommits(runs, ordered)} commit(s) not in HEAD's ancestry{shallow}\n");
        }

        WriteShifts(report, job.Out);
        HistoryChartFiles.Write(report, svgDir, job.Out, png, png ? findExecutable("rsvg-convert") : null, processes);
        return new MachineHistory(stored[^1].Envelope.Machine, report);
    }

    // An empty selection is an error everywhere (issue 11): say what there is instead.
    private static void CheckSelection(HistoryReport report, IReadOnlyList<ResultsEnvelope> runs, IReadOnlyList<ResultsEnvelope> ordered, HistoryOptions options, string shallow)
    {
        if (report.Commits.Count == 0)
        {
            var why = new List<string>();
            AddCount(why, report.SkippedDirty, "dirty");
            AddCount(why, report.SkippedUnknownCommit, "without a commit");
            AddCount(why, runs.Count - ordered.Count, "of commits not in HEAD's ancestry");
            throw new HarnessException($"none of the {runs.Count} run(s) of machine '{options.MachineId}' can be placed in history: {string.Join(", ", why)}{shallow}");
        }
    }

    private static void AddCount(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add($"{count} {what}");
        }
    }

    /// <summary>Prints the run counts and one "shift at" line per confirmed shift.</summary>
    /// <param name="report">The history.</param>
    /// <param name="output">Destination.</param>
    public static void WriteShifts(HistoryReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.Write($"history of machine {report.MachineId}: {report.Commits.Count} commit(s), {report.Benchmarks.Count} benchmark(s)");
        output.Write($"; skipped {report.SkippedDirty} dirty, {report.SkippedSmoke} smoke, {report.SkippedOtherMachine} other-machine, {report.SkippedUnknownCommit} unknown-commit run(s)\n");
        int quiet = 0;
        foreach (BenchmarkHistory history in report.Benchmarks)
        {
            bool any = false;
            foreach (ChangePoint cp in history.ChangePoints)
            {
                if (!cp.Confirmed)
                {
                    continue;
                }

                any = true;
                output.Write($"{history.Key.Id}: {VerdictText.Shift(cp)}\n");
            }

            quiet += any ? 0 : 1;
        }

        output.Write($"{quiet} benchmark(s) without a significant shift\n");
        foreach (InstructionStep step in report.InstructionSteps)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"{step.Id}: instructions/op {step.FromCommit} -> {step.ToCommit}: {step.BasePerOp:0.0#####} -> {step.HeadPerOp:0.0#####} ({step.HeadPerOp - step.BasePerOp:+0.0#####;-0.0#####})\n"));
        }

        foreach (string note in report.InstructionNotes)
        {
            output.Write($"note: {note}\n");
        }
    }

    // One series must come from one toolchain and one job: a step where the toolchain changed
    // would read as a shift at that commit.
    private static void RefuseMixedSetups(IReadOnlyList<ResultsEnvelope> runs, bool allowed)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (ResultsEnvelope run in runs)
        {
            string setup = MeasurementSetup.Of(run).ToString();
            counts[setup] = counts.GetValueOrDefault(setup) + 1;
        }

        if (counts.Count > 1 && !allowed)
        {
            string found = string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value} run(s)"));
            throw new SetupMismatchException("the runs of this history", found);
        }
    }

    // The stored windows only save time: failing to store them costs the next run that time, never a result.
    // Histories longer than one window say how much was reused (short ones never reuse anything).
    private static void SaveWindows(ChangePointWindowStore windows, TextWriter error, bool tell)
    {
        int reused = windows.Hits, analysed = windows.Misses;
        try
        {
            windows.Save();
        }
        catch (SqliteException ex)
        {
            error.Write($"nvbench: history: change-point windows not stored in the index ({HarnessException.OneLine(ex.Message)})\n");
        }

        if (tell)
        {
            error.Write($"nvbench: history: EdPelt windows: {reused} unchanged since the last analysis, {analysed} analysed\n");
        }
    }

    // One machine's share of the work and what it printed, until it is its turn to print.
    private sealed class MachineJob
    {
        public StringWriter Out { get; } = new();

        public StringWriter Error { get; } = new();

        public MachineHistory? History { get; set; }

        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; set; }
    }

    private static int SkippedCommits(IReadOnlyList<ResultsEnvelope> runs, IReadOnlyList<ResultsEnvelope> ordered)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (ResultsEnvelope run in ordered)
        {
            kept.Add(run.Git.Commit);
        }

        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (ResultsEnvelope run in runs)
        {
            if (!kept.Contains(run.Git.Commit))
            {
                skipped.Add(run.Git.Commit);
            }
        }

        return skipped.Count;
    }

    private static HarnessException NoRuns(string machine, ResultsIndex index)
    {
        IReadOnlyList<string> machines = index.Machines();
        string known = machines.Count == 0
            ? "no machine has results there"
            : $"machines with results: {string.Join(", ", machines.Take(ShownMachines))}{(machines.Count > ShownMachines ? ", ..." : "")} (pass --machine ID)";
        return new HarnessException($"no results for {(machine == "any machine" ? machine : $"machine '{machine}'")} under '{index.ResultsRoot}'; {known}");
    }
}
