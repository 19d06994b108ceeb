using NestedVirt.Benchmarks.Drivers;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Instructions;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;
using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Machine;
using NestedVirt.Harness.Model;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench run [--quick | --full | --dry] [BenchmarkDotNet options]</c>: runs the suites,
/// stores one results file, keeps BenchmarkDotNet's own reports in the run's artifacts folder
/// and prints the summary. BenchmarkDotNet's console options keep BenchmarkDotNet's meaning:
/// the selecting ones (<c>--filter</c>, <c>--anyCategories</c>, ...), <c>--list</c>,
/// <c>--artifacts</c> and <c>--job</c> are read here; every other one goes to BenchmarkDotNet's
/// parser. The results folder is checked before any benchmark runs and the file is written
/// atomically at the end, so an interrupted run leaves no results file behind: a signal stops the
/// benchmark processes and removes the partial artifacts folder (<see cref="LongVerb"/>). The
/// summary is printed before the file is written, and a run the results folder cannot take (a
/// full disk) is kept in a fallback folder that is named. Exit 1 when a benchmark failed or a
/// core benchmark allocated.
/// </summary>
public sealed class RunCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("quick", "headline cases, 10 iterations (default)")
        .Flag("full", "every case, 20 iterations each")
        .Flag("dry", "one cold call per case (smoke test)")
        .Flag("calibrate", "model with exits measured via /dev/kvm")
        .Flag("icount", "store every case's instructions/op too")
        .Flag("in-process", "cases in this process (default for --dry)")
        .Flag("out-of-process", "a process per case (default otherwise)")
        .Flag("disasm", "keep each case's JIT assembly")
        .Flag("profile", "keep each case's EventPipe trace")
        .Option("out", "DIR", "results root (default results/)")
        .Values("filter", "GLOB", "names to run, e.g. 'walk/ept/*'", 'f')
        .Values("anyCategories", "CATEGORY", "in any of these categories")
        .Values("allCategories", "CATEGORY", "in all of these categories")
        .Values("attribute", "NAME", "carrying one of these attributes")
        .Option("list", "flat|tree", "print the selected names, run nothing")
        .Option("job", "NAME", string.Join('|', HarnessConfig.JobPresets.Keys), 'j', [.. HarnessConfig.JobPresets.Keys])
        .Option("artifacts", "DIR", "reports and logs (artifacts/runs/...)", 'a')
        .Flag("inProcess", "as --in-process (BenchmarkDotNet's)", 'i')
        .Option("profiler", "EP", "as --profile (BenchmarkDotNet's)", 'p', ["EP"])
        .PassThrough(BenchmarkDotNetOptions.PassedThrough);

    /// <inheritdoc/>
    public string Name => "run";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "run the suites, store a results file, print a summary";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench run [--quick | --full | --dry] [--calibrate] [--out DIR]\n" +
        "                   [--in-process | --out-of-process] [--disasm]\n" +
        "                   [--profile] [BenchmarkDotNet options]\n\n" +
        "Runs the BenchmarkDotNet suites, each case in its own process built\n" +
        "from the project (BenchmarkDotNet's default; --dry runs in this\n" +
        "process), and writes results/<machine-id>/\n" +
        "<UTC time>-<commit>[-dirty].json: every case's samples, counters and\n" +
        "BenchmarkDotNet's full JSON inside an envelope with the commit,\n" +
        "machine fingerprint and state, job and cost table. BenchmarkDotNet's\n" +
        "own reports (*-report-full.json, *-report-github.md, *-report.csv)\n" +
        "stay in the run's artifacts folder. Then prints relay vs reflection,\n" +
        "EPT vs NPT and the allocation check. Exit 0 when every case ran and\n" +
        "allocated nothing, 1 otherwise, 2 on bad options or an unwritable\n" +
        "results folder. Modelled latencies use published figures unless\n" +
        "--calibrate measured this machine's exits through /dev/kvm.\n" +
        "--disasm and --profile save their files in a folder named like the\n" +
        "results file (without .json); both need the out-of-process toolchain.\n\n" +
        "BenchmarkDotNet's console options keep their meaning: --filter takes\n" +
        "several globs, matched against the names 'nvbench list' prints and\n" +
        "against BenchmarkDotNet's full names; the others below are passed to\n" +
        "BenchmarkDotNet unchanged. A run stores one job.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "passed to BenchmarkDotNet:\n" + options.DescribePassThrough() + "\n" +
        "examples:\n" +
        "  nvbench run --quick --filter 'walk/ept/*' 'rvr/intel/*'\n" +
        "  nvbench run --full --anyCategories Paging --join --exporters html\n" +
        "  nvbench run --list tree\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RunOptions run = Read(options.Parse(args));

        // Count the cases first: --list stops here, and a selection of nothing or a value
        // BenchmarkDotNet refuses fails before any work.
        // (The toolchain does not change which cases run: plan in process, so listing needs no project.)
        RunOptions planning = run with { Settings = run.Settings with { Toolchain = RunToolchain.InProcess } };
        IReadOnlyList<BenchmarkRunInfo> plans = Plan(planning, context.RepositoryRoot, Path.Combine(Path.GetTempPath(), "nvbench-plan"), CostTable.Published, NullLogger.Instance);
        BenchmarkCase[] cases = [.. plans.SelectMany(p => p.BenchmarksCases)];
        if (cases.Length == 0)
            throw new HarnessException($"no benchmark matches {BenchmarkSelection.Describe(run)}{(run.Mode == RunMode.Quick ? " among the headline cases (--full runs all)" : "")} (see 'nvbench list')");
        if (run.List != ListMode.None)
        {
            context.Out.Write(NameList.Format(cases.Select(BenchmarkIds.Of), tree: run.List == ListMode.Tree));
            return 0;
        }

        // Without libnvwalk (no C compiler when nvbench was built) the C cases are left out, the rest runs.
        bool withoutNative = NativeCases.MustSkip(cases, out string? nativeNote);
        if (withoutNative)
        {
            context.Error.WriteLine("nvbench: " + nativeNote);
            cases = [.. cases.Where(c => !NativeCases.IsNative(c))];
            if (cases.Length == 0)
                throw new HarnessException($"nothing to run: {BenchmarkSelection.Describe(run)} selects only C cases, and they are skipped");
        }

        string resultsRoot = Path.GetFullPath(run.ResultsRoot ?? context.ResultsRoot);
        EnsureWritable(resultsRoot);

        // BenchmarkDotNet cannot be cancelled: on a signal the shared handler stops the child
        // benchmark processes, deletes the scratch folder, the partial artifacts folder and a
        // half-written results file, and exits. The scratch folder is the children's TMPDIR.
        using LongVerb verb = LongVerb.Begin(context, cooperative: false, resultsRoot);
        Leftovers.SweepOwned(Path.Combine(context.RepositoryRoot, RunArtifacts.RunsFolder), depth: 2, context.Error);
        using TemporaryFolder scratch = verb.CreateFolder("run");
        MachineSnapshot machine = new MachineProbe().Probe();
        GitInfo git = ReadGit(context.RepositoryRoot, context.Error);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        ExitCostCalibration? calibration = run.Calibrate ? Calibrate(context) : null;
        CostTable costTable = CostTable.FromCalibration(calibration) ?? CostTable.Published;

        // Owned until the run is stored: a signal removes it half-filled, and two runs never share it.
        using OwnedFolder artifactsUntilDone = run.ArtifactsPath is { } chosen
            ? OwnedFolder.Create(Path.GetFullPath(chosen), verb.Interruption)
            : OwnedFolder.CreateFree(RunArtifacts.DefaultFolder(context.RepositoryRoot, machine.Id, started, git), verb.Interruption);
        string artifacts = artifactsUntilDone.Path;
        Summary[] summaries = WithChildTemporaryFolder(scratch.Path, () => Execute(run, cases.Length, withoutNative, artifacts, costTable, context));

        // A signal may have stopped a child benchmark process: that run is interrupted, not failed.
        verb.Interruption.ThrowIfRequested();
        List<InstructionCount> instructions = run.Icount ? CountInstructions(cases, context) : [];
        var envelope = new ResultsEnvelope
        {
            HarnessVersion = HarnessVersion,
            TimestampUtc = started,
            Git = git,
            MachineId = machine.Id,
            Machine = machine.Info,
            State = machine.State,
            Job = HarnessConfig.JobName(run),
            Smoke = run.Mode == RunMode.Dry || HarnessConfig.JobName(run) == "dry",
            Toolchain = run.Settings.Toolchain.Name(),
            BenchmarkDotNetVersion = BenchmarkDotNetVersion,
            Command = "nvbench run " + string.Join(' ', args),
            CostTable = costTable.ToInfo(),
            Calibration = calibration,
            Benchmarks = ResultsConverter.Convert(summaries, costTable),
            InstructionCounts = instructions,
            BenchmarkDotNet = ResultsConverter.ReadFullJsonReports(summaries),
        };

        // The summary first: whatever happens to the file, the numbers are on the screen.
        context.Out.WriteLine();
        new RunSummaryExporter().Export(ReportModel.Of(envelope), context.Out);
        int failed = CountFailures(summaries, context);
        string? path = Store(envelope, resultsRoot, artifacts, context);
        artifactsUntilDone.Keep();
        context.Out.WriteLine($"BenchmarkDotNet reports: {Shown(RunArtifacts.ReportsFolder(artifacts))}");
        if (path is null)
            return HarnessException.FailureExitCode;
        foreach (string saved in RunArtifacts.Save(artifacts, path, run.Settings))
            context.Out.WriteLine($"Saved: {Shown(saved)}");

        bool allocated = RunSummaryExporter.AnyAllocation(envelope);
        return failed > 0 || allocated ? 1 : 0;
    }

    /// <summary>
    /// The deterministic channel for every case run: instructions per operation under callgrind,
    /// all cases in one process between marks (<see cref="IcountOptions.OneProcess"/>), with the
    /// JIT's instruction sets pinned, so compare, history and the gate can compare them exactly.
    /// Without valgrind the run says so and stores none.
    /// </summary>
    private static List<InstructionCount> CountInstructions(BenchmarkCase[] cases, CommandContext context)
    {
        string[] ids = [.. cases.Select(BenchmarkIds.Of).Distinct(StringComparer.Ordinal)];
        var runner = new IcountRunner(SystemProcessRunner.Instance, ExecutableLocator.Find, DriverLauncher.ForCurrentProcess(), context.Error, context.Interruption, context.TemporaryRoot);
        IcountReport report = runner.Run(new IcountOptions { HotPathIds = ids, OneProcess = true, OperationsPerIteration = HotPathCatalog.OperationsPerIteration });
        if (report.Skipped is { } why)
        {
            context.Error.WriteLine($"nvbench: --icount: no instruction counts stored: {why}");
            return [];
        }

        string setup = InstructionSetup.Of(report.Runtime, report.Iterations, ids);
        return [.. report.Samples.Select(s => new InstructionCount
        {
            Id = s.Id,
            InstructionsPerOp = s.InstructionsPerOp,
            Iterations = s.Iterations,
            Instructions = s.InstructionsAtN - s.InstructionsAtZero,
            Setup = setup,
        })];
    }

    /// <summary>
    /// Runs <paramref name="work"/> with TMPDIR pointing into the scratch folder, so that what the
    /// out-of-process toolchain's children leave there (dotnet build's MSBuild and NuGet scratch
    /// files, the benchmark hosts' runtime files) goes with the folder, on success and on a signal.
    /// </summary>
    private static T WithChildTemporaryFolder<T>(string scratch, Func<T> work)
    {
        const string Variable = "TMPDIR";
        string childTemp = Path.Combine(scratch, "tmp");
        Directory.CreateDirectory(childTemp);
        string? before = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, childTemp);
        try
        {
            return work();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }

    /// <summary>
    /// Stores the run, or keeps it elsewhere and says where (a full disk at the end of an hour's
    /// run must not lose it): TMPDIR, then the home folder; when no folder takes it, the line
    /// points at BenchmarkDotNet's own reports in the run's artifacts folder.
    /// </summary>
    /// <returns>The file when the run is stored where it belongs, else null.</returns>
    internal static string? Store(ResultsEnvelope envelope, string resultsRoot, string artifacts, CommandContext context, Func<Stream, Stream>? wrapStream = null)
    {
        var fallbacks = new List<string> { context.TemporaryRoot ?? Path.GetTempPath() };
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
            fallbacks.Add(home);
        KeptRun kept = ResultsKeeper.Keep(envelope, resultsRoot, fallbacks, wrapStream);
        if (kept.Stored)
        {
            context.Out.WriteLine($"Results: {Shown(kept.Path!)}");
            return kept.Path;
        }

        if (kept.Path is not null)
        {
            context.Out.WriteLine($"Results: {kept.Path} (not under {resultsRoot})");
            context.Error.WriteLine($"nvbench: {kept.Failure}; the run is kept in '{kept.Path}': move it to '{Path.Combine(resultsRoot, envelope.MachineId)}' when there is room");
            return null;
        }

        context.Error.WriteLine($"nvbench: {kept.Failure}; no fallback folder took the run either; BenchmarkDotNet's reports are in '{RunArtifacts.ReportsFolder(artifacts)}'");
        return null;
    }

    /// <summary>The commit the benchmarks were built from, with a warning when it is unknown: such a run is stored as commit <c>unknown</c>, which history never places.</summary>
    internal static GitInfo ReadGit(string repositoryRoot, TextWriter error)
    {
        GitInfo git = new GitReader(repositoryRoot).Read();
        if (git.UnknownReason is not null)
            error.WriteLine($"nvbench: warning: no commit for this run ({git.UnknownReason}); it is stored as commit 'unknown' and history will not place it");
        return git;
    }

    /// <summary>The harness version written into every results file.</summary>
    public static string HarnessVersion { get; } =
        "nvbench " + (typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    /// <summary>The BenchmarkDotNet version that measured, written into every results file.</summary>
    public static string BenchmarkDotNetVersion { get; } =
        typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static IReadOnlyList<BenchmarkRunInfo> Plan(RunOptions run, string repositoryRoot, string artifacts, CostTable costTable, ILogger logger,
        bool withoutNative = false) =>
        SuiteCatalog.RunnableSuites
            .Select(t => BenchmarkConverter.TypeToBenchmarks(t, Config(HarnessConfig.Create(run, t, repositoryRoot, artifacts, costTable, logger), withoutNative)))
            .Where(p => p.BenchmarksCases.Length > 0).ToArray();

    private static IConfig Config(IConfig config, bool withoutNative) => withoutNative ? NativeCases.Without(config) : config;

    private static Summary[] Execute(RunOptions run, int total, bool withoutNative, string artifacts, CostTable costTable, CommandContext context)
    {
        string logPath = Path.Combine(artifacts, "nvbench-run.log");
        context.Error.WriteLine($"nvbench: {HarnessConfig.JobName(run)} run of {total} case(s), {run.Settings.Toolchain.Name()} " +
            $"(BenchmarkDotNet {BenchmarkDotNetVersion}); log: {Shown(logPath)}");
        if (run.Settings.Toolchain == RunToolchain.OutOfProcess)
            context.Error.WriteLine("nvbench: building the benchmark project for the out-of-process toolchain first (about a minute)");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using var logger = new ProgressLogger(context.Error, logPath, total, names);
        IReadOnlyList<BenchmarkRunInfo> runInfos = Plan(run, context.RepositoryRoot, artifacts, costTable, logger, withoutNative);
        foreach (BenchmarkCase benchmarkCase in runInfos.SelectMany(p => p.BenchmarksCases))
            names[benchmarkCase.DisplayInfo] = BenchmarkIds.Of(benchmarkCase);
        Summary[] summaries = BenchmarkRunner.Run([.. runInfos]);
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                string first = summary.ValidationErrors.FirstOrDefault(e => e.IsCritical)?.Message ?? "unknown";
                throw new HarnessException($"BenchmarkDotNet refused the run: {HarnessException.OneLine(first)} (build with -c Release)");
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

    private static RunOptions Read(ParsedArguments parsed)
    {
        parsed.RejectPositionalsBeyond(0);
        int chosen = (parsed.Has("quick") ? 1 : 0) + (parsed.Has("full") ? 1 : 0) + (parsed.Has("dry") ? 1 : 0);
        if (chosen > 1)
            throw new UsageException("choose one of --quick, --full, --dry");
        // BenchmarkDotNet reads enum values ignoring case (--list Flat).
        string list = parsed.GetString("list")?.ToLowerInvariant() switch
        {
            null => "none",
            "flat" => "flat",
            "tree" => "tree",
            var other => throw new UsageException($"option --list: '{other}' is not one of flat, tree{Suggestion.DidYouMean(other, ["flat", "tree"])}"),
        };
        RunMode mode = parsed.Has("full") ? RunMode.Full : parsed.Has("dry") ? RunMode.Dry : RunMode.Quick;
        return new RunOptions
        {
            Settings = ReadSettings(parsed, mode),
            Job = parsed.GetString("job"),
            Filters = parsed.GetAll("filter"),
            AnyCategories = parsed.GetAll("anyCategories"),
            AllCategories = parsed.GetAll("allCategories"),
            Attributes = parsed.GetAll("attribute"),
            List = list == "flat" ? ListMode.Flat : list == "tree" ? ListMode.Tree : ListMode.None,
            Calibrate = parsed.Has("calibrate"),
            Icount = parsed.Has("icount"),
            ResultsRoot = parsed.GetString("out"),
            ArtifactsPath = parsed.GetString("artifacts"),
            BenchmarkDotNetArguments = parsed.PassThrough,
        };
    }

    private static RunSettings ReadSettings(ParsedArguments parsed, RunMode mode)
    {
        bool inProcess = parsed.Has("in-process") || parsed.Has("inProcess"), outOfProcess = parsed.Has("out-of-process");
        bool disasm = parsed.Has("disasm"), profile = parsed.Has("profile") || parsed.Has("profiler");
        if (parsed.GetString("profiler") is { } profiler && !profiler.Equals("EP", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"option --profiler: '{profiler}' is not EP (EventPipe, the profiler BenchmarkDotNet has on Linux)");
        if (inProcess && outOfProcess)
            throw new UsageException("choose one of --in-process, --out-of-process");
        if (inProcess && (disasm || profile))
            throw new UsageException($"--{(disasm ? "disasm" : "profile")} needs the out-of-process toolchain (in-process it crashes or hangs on .NET 10); drop --in-process");
        RunToolchain toolchain = inProcess ? RunToolchain.InProcess
            : outOfProcess || disasm || profile ? RunToolchain.OutOfProcess
            : RunToolchainNames.DefaultFor(mode);
        return new RunSettings(mode, toolchain, disasm, profile);
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
}
