using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;
using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Model;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench run [--quick | --full | --dry] [--filter GLOB] [--out DIR]</c>: runs the suites,
/// stores one results file and prints the summary. The results folder is checked before any
/// benchmark runs, the file is written atomically at the end, so an interrupted run leaves
/// nothing behind. Exit 1 when a benchmark failed or a core benchmark allocated.
/// </summary>
public sealed class RunCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("quick", "headline cases, 10 iterations (default; ~1-2 min)")
        .Flag("full", "every case, 20 iterations each")
        .Flag("dry", "smoke test: one cold call per case, numbers meaningless")
        .Flag("calibrate", "measure exits via /dev/kvm first; model with them")
        .Option("filter", "GLOB", "only benchmarks whose full name matches, e.g. *Walk*")
        .Option("out", "DIR", "results root (default: results/ in the checkout)");

    /// <inheritdoc/>
    public string Name => "run";

    /// <inheritdoc/>
    public string Summary => "run the suites, store a results file, print a summary";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench run [--quick | --full | --dry] [--calibrate]\n" +
        "                   [--filter GLOB] [--out DIR]\n\n" +
        "Runs the BenchmarkDotNet suites in this process (in-process toolchain)\n" +
        "and writes results/<machine-id>/<UTC time>-<commit>[-dirty].json: the\n" +
        "full BenchmarkDotNet JSON inside an envelope with the commit, machine\n" +
        "fingerprint and state, job, model counters and cost table. Then prints\n" +
        "relay vs reflection, EPT vs NPT and the allocation check. Exit 0 when\n" +
        "every case ran and allocated nothing, 1 otherwise, 2 on bad options or\n" +
        "an unwritable results folder. Modelled latencies use published figures\n" +
        "unless --calibrate measured this machine's exits through /dev/kvm.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench run --quick --filter '*NestedWalk*'\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        RunMode mode = ParseMode(parsed);
        string? filter = parsed.GetString("filter");
        string resultsRoot = Path.GetFullPath(parsed.GetString("out") ?? context.ResultsRoot);
        EnsureWritable(resultsRoot);

        MachineSnapshot machine = new MachineProbe().Probe();
        GitInfo git = new GitReader(context.RepositoryRoot).Read();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        ExitCostCalibration? calibration = parsed.Has("calibrate") ? Calibrate(context) : null;
        CostTable costTable = CostTable.FromCalibration(calibration) ?? CostTable.Published;

        string artifacts = Path.Combine(Path.GetTempPath(), "nvbench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(artifacts);
        try
        {
            Summary[] summaries = Execute(mode, filter, artifacts, costTable, context);
            var envelope = new ResultsEnvelope
            {
                HarnessVersion = HarnessVersion,
                TimestampUtc = started,
                Git = git,
                MachineId = machine.Id,
                Machine = machine.Info,
                State = machine.State,
                Job = mode.ToString().ToLowerInvariant(),
                Command = "nvbench run " + string.Join(' ', args),
                CostTable = costTable.ToInfo(),
                Calibration = calibration,
                Benchmarks = ResultsConverter.Convert(summaries, costTable),
                BenchmarkDotNet = ResultsConverter.ReadFullJsonReports(artifacts),
            };
            string path = ResultsStore.Write(envelope, resultsRoot);

            context.Out.WriteLine();
            context.Out.Write(RunSummary.Format(envelope));
            context.Out.WriteLine($"Results: {Shown(path)}");

            int failed = CountFailures(summaries, context);
            bool allocated = RunSummary.AnyAllocation(envelope);
            return failed > 0 || allocated ? 1 : 0;
        }
        finally
        {
            TryDelete(artifacts);
        }
    }

    /// <summary>The harness version written into every results file.</summary>
    public static string HarnessVersion { get; } =
        "nvbench " + (typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private static Summary[] Execute(RunMode mode, string? filter, string artifacts, CostTable costTable, CommandContext context)
    {
        // Count the cases first so progress can say [i/n] and an empty filter fails before any work.
        IConfig countingConfig = HarnessConfig.Create(mode, artifacts, costTable, filter, BenchmarkDotNet.Loggers.NullLogger.Instance);
        var plans = SuiteCatalog.Suites.Select(t => BenchmarkConverter.TypeToBenchmarks(t, countingConfig))
            .Where(p => p.BenchmarksCases.Length > 0).ToArray();
        bool skipNative = NativeCases.MustSkip(plans.SelectMany(p => p.BenchmarksCases), out string? nativeNote);
        if (skipNative)
        {
            context.Error.WriteLine("nvbench: " + nativeNote);
            countingConfig = NativeCases.Without(countingConfig);
            plans = SuiteCatalog.Suites.Select(t => BenchmarkConverter.TypeToBenchmarks(t, countingConfig))
                .Where(p => p.BenchmarksCases.Length > 0).ToArray();
        }
        int total = plans.Sum(p => p.BenchmarksCases.Length);
        if (total == 0)
            throw new HarnessException($"no benchmark matches --filter '{filter}' (see 'nvbench list')");

        // The log outlives the run's scratch folder, which is deleted at the end.
        string logPath = artifacts + ".log";
        context.Error.WriteLine($"nvbench: {mode.ToString().ToLowerInvariant()} run of {total} case(s); BenchmarkDotNet log: {logPath}");
        using var logger = new ProgressLogger(context.Error, logPath, total);
        IConfig config = HarnessConfig.Create(mode, artifacts, costTable, filter, logger);
        if (skipNative)
            config = NativeCases.Without(config);
        var runInfos = SuiteCatalog.Suites.Select(t => BenchmarkConverter.TypeToBenchmarks(t, config))
            .Where(p => p.BenchmarksCases.Length > 0).ToArray();
        Summary[] summaries = BenchmarkRunner.Run(runInfos);
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                string first = summary.ValidationErrors.FirstOrDefault(e => e.IsCritical)?.Message ?? "unknown";
                throw new HarnessException($"BenchmarkDotNet refused the run: {first} (build with -c Release)");
            }
        }
        return summaries;
    }

    private static ExitCostCalibration Calibrate(CommandContext context)
    {
        context.Error.WriteLine("nvbench: calibrating exit costs through /dev/kvm (a few seconds)");
        ExitCostCalibration calibration = new ExitCostCalibrator(new ExitCostCalibrationOptions()).Run();
        if (CostTable.FromCalibration(calibration) is null)
            context.Error.WriteLine($"nvbench: calibration {calibration.Status}: {calibration.Reason ?? "no usable tests"}; using published figures");
        return calibration;
    }

    private static int CountFailures(Summary[] summaries, CommandContext context)
    {
        int failed = 0;
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkCase benchmarkCase in summary.BenchmarksCases)
            {
                BenchmarkReport? report = summary.HasReport(benchmarkCase) ? summary[benchmarkCase] : null;
                if (report is null || !report.Success)
                {
                    failed++;
                    context.Error.WriteLine($"nvbench: benchmark failed: {BenchmarkIds.Of(benchmarkCase)}");
                }
            }
        }
        return failed;
    }

    // Relative to the current folder when the file is below it (the usual results/), else absolute.
    private static string Shown(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static RunMode ParseMode(ParsedArguments parsed)
    {
        int chosen = (parsed.Has("quick") ? 1 : 0) + (parsed.Has("full") ? 1 : 0) + (parsed.Has("dry") ? 1 : 0);
        if (chosen > 1)
            throw new UsageException("choose one of --quick, --full, --dry");
        return parsed.Has("full") ? RunMode.Full : parsed.Has("dry") ? RunMode.Dry : RunMode.Quick;
    }

    private static void EnsureWritable(string resultsRoot)
    {
        try
        {
            // Prove the folder is writable before minutes of benchmarking, and leave no trace:
            // the store creates what it needs when it writes the file at the end.
            bool existed = Directory.Exists(resultsRoot);
            Directory.CreateDirectory(resultsRoot);
            string probe = Path.Combine(resultsRoot, $".nvbench-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            if (!existed)
                Directory.Delete(resultsRoot);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"results folder '{resultsRoot}' is not writable: {e.Message}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
