using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Commands.History;
using NestedVirt.Harness.Commands.Processes;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Commands;

/// <summary>
/// <c>history</c>: every stored run of one machine in commit order, level shifts per benchmark
/// ("shift at &lt;commit&gt;: +x%") and one SVG trend chart per suite (PNG too when
/// <c>rsvg-convert</c> is installed).
/// </summary>
public sealed class HistoryCommand : ICommand
{
    private static readonly string[] ValueOptions = [.. ComparisonArguments.ValueOptions, "--machine", "--suite", "--min-distance", "--window", "--svg-dir"];
    private readonly Func<IReadOnlyList<ResultsEnvelope>, ICommitOrder> commitOrder;
    private readonly IProcessRunner processes;
    private readonly Func<string, string?> findExecutable;

    /// <summary>Creates the verb.</summary>
    /// <param name="commitOrder">Commit order for the loaded runs; default: by run timestamp (merge seam: git ancestry).</param>
    /// <param name="processes">Runs <c>rsvg-convert</c>; default: real processes.</param>
    /// <param name="findExecutable">Finds a program on PATH; default: <see cref="ExecutableLocator.Find"/>.</param>
    public HistoryCommand(
        Func<IReadOnlyList<ResultsEnvelope>, ICommitOrder>? commitOrder = null,
        IProcessRunner? processes = null,
        Func<string, string?>? findExecutable = null)
    {
        this.commitOrder = commitOrder ?? (envelopes => new TimestampCommitOrder(envelopes));
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.findExecutable = findExecutable ?? ExecutableLocator.Find;
    }

    /// <inheritdoc/>
    public string Name => "history";

    /// <inheritdoc/>
    public string Summary => "level shifts over commits and SVG trend charts";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench history [options]\n"
        + "Reads every run of one machine under results/, orders them by commit,\n"
        + "finds level shifts per benchmark (EdPelt on the medians, each confirmed\n"
        + "by the two-sample test on the pooled runs around it) and writes one SVG\n"
        + "trend chart per suite. Dirty runs are skipped.\n"
        + "  --machine ID      machine id (default: the only one under results/)\n"
        + "  --suite S         only this suite\n"
        + "  --min-distance N  minimum commits between shifts (default 3)\n"
        + "  --window K        commits pooled on each side to confirm (default 5)\n"
        + "  --svg-dir DIR     where charts go (default artifacts/history/<machine>)\n"
        + ComparisonArguments.Help
        + "example: nvbench history --suite NestedWalk --min-distance 4\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CommandErrors.Run(Name, context, () =>
        {
            CommandArguments parsed = CommandArguments.Parse(args, ValueOptions, ComparisonArguments.FlagOptions);
            if (parsed.Help)
            {
                context.Out.Write(Help);
                return 0;
            }

            parsed.ExpectPositionals(0, "no positional arguments");
            var changePoints = new ChangePointOptions
            {
                MinDistance = Integer(parsed, "--min-distance", ChangePointOptions.Default.MinDistance),
                Window = Integer(parsed, "--window", ChangePointOptions.Default.Window),
                Comparison = ComparisonArguments.Parse(parsed),
            };
            try
            {
                changePoints.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentException(CommandErrors.OneLine(e.Message), e);
            }

            // Merge seam: the machine id of this machine comes from Machine/, and the runs
            // from the results store, instead of the folder scan below.
            string machine = parsed.Value("--machine") ?? OnlyMachine(context.ResultsRoot);
            IReadOnlyList<ResultsEnvelope> runs = EnvelopeFiles.LoadAll(Path.Combine(context.ResultsRoot, machine));
            IReadOnlyList<ResultsEnvelope> ordered = HistoryAnalyzer.OrderByCommit(runs, commitOrder(runs));
            var options = new HistoryOptions { MachineId = machine, Suite = parsed.Value("--suite"), ChangePoints = changePoints };
            HistoryReport report = HistoryAnalyzer.Analyze(ordered, options);
            if (ordered.Count < runs.Count)
            {
                context.Out.Write($"{runs.Count - ordered.Count} run(s) skipped: commit not in the commit order\n");
            }

            WriteShifts(report, context.Out);
            string svgDir = parsed.Value("--svg-dir") ?? Path.Combine(context.RepositoryRoot, "artifacts", "history", machine);
            WriteCharts(report, svgDir, context.Out);
            return 0;
        });
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
                output.Write($"{BenchmarkLabel.Short(history.Key)}: {ShiftLine(cp)}\n");
            }

            quiet += any ? 0 : 1;
        }

        output.Write($"{quiet} benchmark(s) without a significant shift\n");
    }

    /// <summary><c>shift at &lt;commit&gt;: +x% (a -&gt; b ns, slower)</c> for one change point.</summary>
    /// <param name="changePoint">The shift.</param>
    public static string ShiftLine(ChangePoint changePoint)
    {
        ArgumentNullException.ThrowIfNull(changePoint);
        return $"shift at {changePoint.Commit}: {NumberText.Delta(changePoint.Ratio)} "
            + $"({NumberText.Nanoseconds(changePoint.BeforeMedianNs)} -> {NumberText.Nanoseconds(changePoint.AfterMedianNs)} ns, {VerdictText.Of(changePoint.Verdict)})";
    }

    private void WriteCharts(HistoryReport report, string svgDir, TextWriter output)
    {
        IReadOnlyList<(string Suite, TrendChart Chart)> charts = HistoryCharts.Build(report);
        if (charts.Count == 0)
        {
            output.Write("no charts: no benchmark with samples\n");
            return;
        }

        Directory.CreateDirectory(svgDir);
        string? rsvg = findExecutable("rsvg-convert");
        foreach ((string suite, TrendChart chart) in charts)
        {
            string svg = Path.Combine(svgDir, FileName(suite) + ".svg");
            File.WriteAllText(svg, SvgTrendChart.Render(chart));
            output.Write($"svg: {svg}\n");
            if (rsvg is null)
            {
                continue;
            }

            string png = Path.ChangeExtension(svg, ".png");
            ProcessResult result = processes.Run(rsvg, ["-w", "760", "-o", png, svg], svgDir, CancellationToken.None);
            output.Write(result.Succeeded ? $"png: {png}\n" : $"png: rsvg-convert failed for {svg} (exit code {result.ExitCode})\n");
        }

        if (rsvg is null)
        {
            output.Write("png: skipped (rsvg-convert not on PATH; Debian package librsvg2-bin)\n");
        }
    }

    private static string OnlyMachine(string resultsRoot)
    {
        if (!Directory.Exists(resultsRoot))
        {
            throw new DirectoryNotFoundException($"{resultsRoot}: no such folder");
        }

        string[] machines = Directory.GetDirectories(resultsRoot);
        if (machines.Length != 1)
        {
            throw new ArgumentException($"{machines.Length} machine folders under {resultsRoot}: pass --machine ID");
        }

        return Path.GetFileName(machines[0]);
    }

    private static int Integer(CommandArguments parsed, string option, int fallback)
    {
        string? text = parsed.Value(option);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not an integer");
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
