using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using Perfolizer.Mathematics.OutlierDetection;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Model;
using Perfolizer.Horology;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The one recommended configuration (dotnet/performance keeps a single commented config):
/// in-process emit toolchain (no per-run project build; the harness process is the benchmark
/// process, so run nothing else in it), MemoryDiagnoser always on, BenchmarkDotNet's full JSON,
/// GitHub markdown and CSV reports kept in the run's artifacts folder (the full JSON is also
/// stored inside our results envelope), model counter columns and the modelled latency. The
/// options of <see cref="RunOptions.BenchmarkDotNetArguments"/> are applied on top by
/// BenchmarkDotNet's own parser.
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
    public static string JobName(RunOptions options) =>
        options.Job?.ToLowerInvariant() ?? options.Mode.ToString().ToLowerInvariant();

    /// <summary>Builds the configuration for a run.</summary>
    /// <exception cref="UsageException">An unknown <c>--job</c>, or BenchmarkDotNet refused one of its options.</exception>
    public static IConfig Create(RunOptions options, string artifactsPath, CostTable costTable, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Job job = BaseJob(options);

        // Keep every measured iteration: compare and history run rank tests on the raw samples,
        // which tolerate outliers, and a fixed count per case keeps results comparable.
        job = job.WithToolchain(InProcessEmitToolchain.Instance).WithOutlierMode(OutlierMode.DontRemove);

        var config = ManualConfig.CreateEmpty()
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CounterColumn.Transitions, CounterColumn.Userspace, CounterColumn.Fields, CounterColumn.Entries,
                new ModelledLatencyColumn(costTable))
            .AddExporter([.. Reports])
            .AddLogger(logger)
            .WithArtifactsPath(artifactsPath);
        if (options.Mode == RunMode.Quick)
            config.AddFilter(new SimpleFilter(SuiteCatalog.IsHeadline));
        config.AddFilter([.. BenchmarkSelection.Filters(options)]);
        return ManualConfig.Union(config, BenchmarkDotNetArguments.Parse(options.BenchmarkDotNetArguments, job));
    }

    private static Job BaseJob(RunOptions options)
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
            // A few warm-up invocations so the allocation check sees tier-1 code, not the JIT at work.
            _ => Job.Dry.WithId("dry").WithWarmupCount(3),
        };
    }
}
