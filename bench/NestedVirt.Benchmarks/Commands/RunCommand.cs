using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;
using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Lifecycle;
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
        .Flag("quick", "headline cases, 10 iterations (default; minutes)")
        .Flag("full", "every case, 20 iterations each")
        .Flag("dry", "smoke test, in process; numbers meaningless")
        .Flag("calibrate", "measure exits via /dev/kvm first; model with them")
        .Flag("in-process", "run cases in this process (default for --dry)")
        .Flag("out-of-process", "one process per case (default for --quick, --full)")
        .Flag("disasm", "save each case's JIT assembly with the results")
        .Flag("profile", "save each case's EventPipe trace with the results")
        .Option("filter", "GLOB", "only benchmarks whose full name matches, e.g. *Walk*")
        .Option("out", "DIR", "results root (default: results/ in the checkout)");

    /// <inheritdoc/>
    public string Name => "run";

    /// <inheritdoc/>
    public string Summary => "run the suites, store a results file, print a summary";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench run [--quick | --full | --dry] [--calibrate]\n" +
        "                   [--in-process | --out-of-process] [--disasm]\n" +
        "                   [--profile] [--filter GLOB] [--out DIR]\n\n" +
        "Runs the BenchmarkDotNet suites, each case in its own process built from\n" +
        "the project (BenchmarkDotNet's default; --dry runs in this process),\n" +
        "and writes results/<machine-id>/<UTC time>-<commit>[-dirty].json: the\n" +
        "full BenchmarkDotNet JSON inside an envelope with the commit, machine\n" +
        "fingerprint and state, job, model counters and cost table. Then prints\n" +
        "relay vs reflection, EPT vs NPT and the allocation check. Exit 0 when\n" +
        "every case ran and allocated nothing, 1 otherwise, 2 on bad options or\n" +
        "an unwritable results folder. Modelled latencies use published figures\n" +
        "unless --calibrate measured this machine's exits through /dev/kvm.\n" +
        "--disasm and --profile save their files in a folder named like the\n" +
        "results file (without .json); both need the out-of-process toolchain.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench run --quick --filter '*NestedWalk*'\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        RunMode mode = ParseMode(parsed);
        RunSettings settings = ParseSettings(parsed, mode);
        string? filter = parsed.GetString("filter");
        string resultsRoot = Path.GetFullPath(parsed.GetString("out") ?? context.ResultsRoot);
        EnsureWritable(resultsRoot);

        // BenchmarkDotNet cannot be cancelled: on a signal the shared handler stops any child
        // benchmark process, deletes the scratch folder and a half-written results file, and exits.
        using LongVerb verb = LongVerb.Begin(context, cooperative: false, resultsRoot);
        using TemporaryFolder scratch = verb.CreateFolder("run");
        MachineSnapshot machine = new MachineProbe().Probe();
        GitInfo git = ReadGit(context.RepositoryRoot, context.Error);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        ExitCostCalibration? calibration = parsed.Has("calibrate") ? Calibrate(context) : null;
        CostTable costTable = CostTable.FromCalibration(calibration) ?? CostTable.Published;

        string artifacts = scratch.Path;
        Summary[] summaries = WithChildTemporaryFolder(scratch.Path, () => Execute(settings, filter, artifacts, costTable, context));

        // A signal may have stopped a child benchmark process: that run is interrupted, not failed.
        verb.Interruption.ThrowIfRequested();
        var envelope = new ResultsEnvelope
        {
            HarnessVersion = HarnessVersion,
            TimestampUtc = started,
            Git = git,
            MachineId = machine.Id,
            Machine = machine.Info,
            State = machine.State,
            Job = mode.ToString().ToLowerInvariant(),
            Toolchain = settings.Toolchain.Name(),
            BenchmarkDotNetVersion = BenchmarkDotNetVersion,
            Command = "nvbench run " + string.Join(' ', args),
            CostTable = costTable.ToInfo(),
            Calibration = calibration,
            Benchmarks = ResultsConverter.Convert(summaries, costTable),
            BenchmarkDotNet = ResultsConverter.ReadFullJsonReports(artifacts),
        };

        // The summary first: whatever happens to the file, the numbers are on the screen.
        context.Out.WriteLine();
        context.Out.Write(RunSummary.Format(envelope));
        int failed = CountFailures(summaries, context);
        if (failed > 0)
        {
            scratch.Keep();
            context.Error.WriteLine($"nvbench: BenchmarkDotNet's log and artifacts kept in {artifacts}");
        }

        if (Store(envelope, resultsRoot, scratch, context) is not string path)
        {
            return HarnessException.FailureExitCode;
        }

        foreach (string saved in RunArtifacts.Save(artifacts, path, settings))
            context.Out.WriteLine($"Saved: {Shown(saved)}");

        bool allocated = RunSummary.AnyAllocation(envelope);
        return failed > 0 || allocated ? 1 : 0;
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
    /// run must not lose it): TMPDIR, then the home folder, then BenchmarkDotNet's own reports in
    /// the scratch folder, which is then not deleted.
    /// </summary>
    /// <returns>The file when the run is stored where it belongs, else null.</returns>
    internal static string? Store(ResultsEnvelope envelope, string resultsRoot, TemporaryFolder scratch, CommandContext context, Func<Stream, Stream>? wrapStream = null)
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

        scratch.Keep();
        context.Error.WriteLine($"nvbench: {kept.Failure}; no fallback folder took the run either; BenchmarkDotNet's reports are kept in '{Path.Combine(scratch.Path, "results")}'");
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

    private static Summary[] Execute(RunSettings settings, string? filter, string artifacts, CostTable costTable, CommandContext context)
    {
        RunMode mode = settings.Mode;
        // Count the cases first so progress can say [i/n] and an empty filter fails before any work.
        var plans = SuiteCatalog.RunnableSuites.Select(t => BenchmarkConverter.TypeToBenchmarks(t,
                HarnessConfig.Create(settings, t, context.RepositoryRoot, artifacts, costTable, filter, BenchmarkDotNet.Loggers.NullLogger.Instance)))
            .Where(p => p.BenchmarksCases.Length > 0).ToArray();
        int total = plans.Sum(p => p.BenchmarksCases.Length);
        if (total == 0)
            throw new HarnessException($"no benchmark matches --filter '{filter}' (see 'nvbench list')");

        // The log lives in the scratch folder: deleted after a clean run, kept when a case fails.
        string logPath = Path.Combine(artifacts, "benchmarkdotnet.log");
        context.Error.WriteLine($"nvbench: {mode.ToString().ToLowerInvariant()} run of {total} case(s), {settings.Toolchain.Name()} " +
            $"(BenchmarkDotNet {BenchmarkDotNetVersion}); log: {logPath}");
        if (settings.Toolchain == RunToolchain.OutOfProcess)
            context.Error.WriteLine("nvbench: building the benchmark project for the out-of-process toolchain first (about a minute)");
        using var logger = new ProgressLogger(context.Error, logPath, total);
        var runInfos = SuiteCatalog.RunnableSuites.Select(t => BenchmarkConverter.TypeToBenchmarks(t,
                HarnessConfig.Create(settings, t, context.RepositoryRoot, artifacts, costTable, filter, logger)))
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

    private static RunSettings ParseSettings(ParsedArguments parsed, RunMode mode)
    {
        bool inProcess = parsed.Has("in-process"), outOfProcess = parsed.Has("out-of-process");
        bool disasm = parsed.Has("disasm"), profile = parsed.Has("profile");
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
