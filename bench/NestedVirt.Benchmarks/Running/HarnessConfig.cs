using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Model;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The one recommended configuration (dotnet/performance keeps a single commented config):
/// BenchmarkDotNet's default out-of-process toolchain for measured runs and the in-process emit
/// toolchain for the dry smoke run (<see cref="RunToolchain"/>), MemoryDiagnoser always on,
/// BenchmarkDotNet's full JSON, GitHub markdown and CSV reports kept in the run's artifacts
/// folder (the full JSON is also stored inside our results envelope), model counter columns and
/// the modelled latency; DisassemblyDiagnoser and EventPipeProfiler on request (both need the
/// out-of-process toolchain: in-process the first crashes and the second hangs). The options of
/// <see cref="RunOptions.BenchmarkDotNetArguments"/> are applied on top by BenchmarkDotNet's own
/// parser.
/// </summary>
public static class HarnessConfig
{
    /// <summary>The BenchmarkDotNet job presets <c>--job</c> accepts, named as BenchmarkDotNet's console parser names them.</summary>
    public static IReadOnlyDictionary<string, Job> JobPresets { get; } = new Dictionary<string, Job>(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = Job.Default,
        ["dry"] = Job.Dry,
        ["short"] = Job.ShortRun,
        ["medium"] = Job.MediumRun,
        ["long"] = Job.LongRun,
        ["verylong"] = Job.VeryLongRun,
    };

    /// <summary>The exporters every run keeps: BenchmarkDotNet's full JSON, GitHub markdown and CSV reports.</summary>
    public static IReadOnlyList<IExporter> Reports { get; } = [JsonExporter.Full, MarkdownExporter.GitHub, CsvExporter.Default];

    /// <summary>The job name a results file records: the <c>--job</c> preset, else the mode.</summary>
    /// <param name="options">The run's options.</param>
    public static string JobName(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Job?.ToLowerInvariant() ?? options.Mode.ToString().ToLowerInvariant();
    }

    /// <summary>Builds the configuration for the cases of <paramref name="suite"/>.</summary>
    /// <param name="options">Job, toolchain, diagnosers, selection and BenchmarkDotNet's own options.</param>
    /// <param name="suite">The benchmark class (the dry job sizes its invocations by it).</param>
    /// <param name="repositoryRoot">Checkout whose project the out-of-process toolchain builds.</param>
    /// <param name="artifactsPath">BenchmarkDotNet's artifacts folder for this run.</param>
    /// <param name="costTable">Cost table of the modelled-latency column.</param>
    /// <param name="logger">Where BenchmarkDotNet logs.</param>
    /// <exception cref="UsageException">An unknown <c>--job</c>, or BenchmarkDotNet refused one of its options.</exception>
    public static IConfig Create(RunOptions options, Type suite, string repositoryRoot, string artifactsPath, CostTable costTable, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        RunSettings settings = options.Settings;

        // Keep every measured iteration: compare and history run rank tests on the raw samples,
        // which tolerate outliers, and a fixed count per case keeps results comparable.
        Job job = BaseJob(options, suite).WithToolchain(Toolchain(settings.Toolchain, repositoryRoot)).WithOutlierMode(OutlierMode.DontRemove);

        var config = ManualConfig.CreateEmpty()
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CounterColumn.Transitions, CounterColumn.Userspace, CounterColumn.Fields, CounterColumn.Entries,
                new ModelledLatencyColumn(costTable))
            .AddExporter([.. Reports])
            .AddLogger(logger)
            .WithArtifactsPath(artifactsPath);
        if (settings.Disassembly)
            config.AddDiagnoser(DiagnoserFactory.Disassembly());
        if (settings.Profile)
            config.AddDiagnoser(DiagnoserFactory.Profiler());
        if (settings.Mode == RunMode.Quick)
            config.AddFilter(new SimpleFilter(SuiteCatalog.IsHeadline));
        config.AddFilter([.. BenchmarkSelection.Filters(options)]);
        return ManualConfig.Union(config, BenchmarkDotNetArguments.Parse(options.BenchmarkDotNetArguments, job));
    }

    private static Job BaseJob(RunOptions options, Type suite)
    {
        if (options.Job is not null)
        {
            return JobPresets.TryGetValue(options.Job, out Job? preset)
                ? preset.WithId(options.Job.ToLowerInvariant())
                : throw new UsageException(
                    $"option --job: '{options.Job}' is not one of {string.Join(", ", JobPresets.Keys)}{Suggestion.DidYouMean(options.Job, JobPresets.Keys)}");
        }

        return options.Mode switch
        {
            // 10 measured iterations: compare needs at least 5 per side at alpha 0.01 (model 05 §2.2).
            RunMode.Quick => Job.Default.WithId("quick").WithWarmupCount(3).WithIterationCount(10)
                .WithIterationTime(TimeInterval.FromMilliseconds(120)).WithLaunchCount(1),
            RunMode.Full => Job.Default.WithId("full").WithWarmupCount(6).WithIterationCount(20)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)).WithLaunchCount(1),
            // A few warm-up iterations so the allocation check sees optimised code, not the JIT at
            // work, and enough invocations per iteration that the allocation measurement spans
            // AllocationWindow.Operations operations (see there for why one is not enough).
            _ => Job.Dry.WithId("dry").WithWarmupCount(3).WithInvocationCount(AllocationWindow.InvocationsFor(suite)),
        };
    }

    private static IToolchain Toolchain(RunToolchain toolchain, string repositoryRoot) =>
        toolchain == RunToolchain.InProcess ? InProcessEmitToolchain.Instance : ProjectToolchain.For(repositoryRoot);
}
