using NestedVirt.Harness.Cli;
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
/// (PNG too when <c>rsvg-convert</c> is installed).
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
        .Flag("no-png", "write SVG charts only, even with rsvg-convert"));

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
        + "pooled runs around it) and writes one SVG trend chart per suite.\n"
        + "Dirty runs are skipped. With several machines each is analysed on\n"
        + "its own and a table puts their latest medians side by side, labelled\n"
        + "by machine: timings of different machines are never pooled.\n"
        + "Runs are read through the results index (see nvbench index).\n\n"
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
        var side = new List<MachineHistory>(machines.Count);
        foreach (string machine in machines)
        {
            IReadOnlyList<StoredRun> stored = index.LoadRuns(machine, suite);
            if (stored.Count == 0)
            {
                throw NoRuns(machine, index);
            }

            if (machines.Count > 1)
            {
                context.Out.Write($"== {machine}\n");
            }

            string svgDir = svgRoot is null
                ? Path.Combine(context.RepositoryRoot, "artifacts", "history", machine)
                : machines.Count > 1 ? Path.Combine(svgRoot, machine) : svgRoot;
            side.Add(new MachineHistory(stored[^1].Envelope.Machine, Analyze(stored, machine, suite, changePoints, context, svgDir, !parsed.Has("no-png"))));
        }

        if (side.Count > 1)
        {
            context.Out.Write('\n');
            CrossMachineTable.Write(side, context.Out);
        }

        return 0;
    }

    private HistoryReport Analyze(
        IReadOnlyList<StoredRun> stored, string machine, string? suite, ChangePointOptions changePoints, CommandContext context, string svgDir, bool png)
    {
        var runs = new List<ResultsEnvelope>(stored.Count);
        foreach (StoredRun run in stored)
        {
            runs.Add(run.Envelope);
        }

        ICommitOrder order = commitOrder?.Invoke(runs) ?? DefaultOrder(runs, context);
        IReadOnlyList<ResultsEnvelope> ordered = HistoryAnalyzer.OrderByCommit(runs, order);
        RefuseMixedSetups(ordered, changePoints.Comparison.AllowMixedSetup);
        var historyOptions = new HistoryOptions { MachineId = machine, Suite = suite, ChangePoints = changePoints };
        HistoryReport report = HistoryAnalyzer.Analyze(ordered, historyOptions);
        if (ordered.Count < runs.Count)
        {
            context.Out.Write($"{runs.Count - ordered.Count} run(s) skipped: {SkippedCommits(runs, ordered)} commit(s) not in HEAD's ancestry\n");
        }

        WriteShifts(report, context.Out);
        WriteCharts(report, svgDir, context.Out, png);
        return report;
    }

    /// <summary>Prints the run counts and one "shift at" line per confirmed shift.</summary>
    /// <param name="report">The history.</param>
    /// <param name="output">Destination.</param>
    public static void WriteShifts(HistoryReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.Write($"history of machine {report.MachineId}: {report.Commits.Count} commit(s), {report.Benchmarks.Count} benchmark(s)");
        output.Write($"; skipped {report.SkippedDirty} dirty, {report.SkippedOtherMachine} other-machine, {report.SkippedUnknownCommit} unknown-commit run(s)\n");
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
    }

    private void WriteCharts(HistoryReport report, string svgDir, TextWriter output, bool png)
    {
        IReadOnlyList<(string Suite, TrendChart Chart)> charts = HistoryCharts.Build(report);
        if (charts.Count == 0)
        {
            output.Write("no charts: no benchmark with samples\n");
            return;
        }

        string? rsvg = png ? findExecutable("rsvg-convert") : null;
        foreach ((string suite, TrendChart chart) in charts)
        {
            string svg = Path.Combine(svgDir, FileName(suite) + ".svg");
            WriteChart(svg, SvgTrendChart.Render(chart));
            output.Write($"svg: {svg}\n");
            if (rsvg is null)
            {
                continue;
            }

            string pngPath = Path.ChangeExtension(svg, ".png");
            ProcessResult result = processes.Run(rsvg, ["-w", "760", "-o", pngPath, svg], svgDir, CancellationToken.None);
            output.Write(result.Succeeded ? $"png: {pngPath}\n" : $"png: rsvg-convert failed for {svg} (exit code {result.ExitCode})\n");
        }

        if (rsvg is null)
        {
            output.Write(png ? "png: skipped (rsvg-convert not on PATH; Debian package librsvg2-bin)\n" : "png: skipped (--no-png)\n");
        }
    }

    private static void WriteChart(string path, string svg)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, svg, ResultsJson.Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write chart '{path}': {e.Message}", innerException: e);
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

    // Git ancestry when the checkout has it; otherwise the run timestamps, said once on stderr.
    private static ICommitOrder DefaultOrder(IReadOnlyList<ResultsEnvelope> runs, CommandContext context)
    {
        if (GitAncestryOrder.Read(context.RepositoryRoot) is { } ancestry)
        {
            return ancestry;
        }

        context.Error.Write($"nvbench: history: no git history at '{context.RepositoryRoot}'; ordering commits by run time\n");
        return new TimestampCommitOrder(runs);
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

    private static string FileName(string suite)
    {
        char[] chars = suite.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '-' or '_' or '.'))
            {
                chars[i] = '_';
            }
        }

        return chars.Length == 0 ? "suite" : new string(chars);
    }
}
