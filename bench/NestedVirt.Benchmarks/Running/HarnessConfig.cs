using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NestedVirt.Harness.Model;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The one recommended configuration (dotnet/performance keeps a single commented config):
/// BenchmarkDotNet's default out-of-process toolchain for measured runs and the in-process emit
/// toolchain for the dry smoke run (<see cref="RunToolchain"/>), MemoryDiagnoser always on,
/// BenchmarkDotNet's full JSON exporter (stored inside our results envelope), model counter
/// columns and the modelled latency; DisassemblyDiagnoser and EventPipeProfiler on request
/// (both need the out-of-process toolchain: in-process the first crashes and the second hangs).
/// </summary>
public static class HarnessConfig
{
    /// <summary>Builds the configuration for the cases of <paramref name="suite"/>.</summary>
    /// <param name="settings">Job, toolchain and diagnosers.</param>
    /// <param name="suite">The benchmark class (the dry job sizes its invocations by it).</param>
    /// <param name="repositoryRoot">Checkout whose project the out-of-process toolchain builds.</param>
    /// <param name="artifactsPath">BenchmarkDotNet's artifacts folder for this run.</param>
    /// <param name="costTable">Cost table of the modelled-latency column.</param>
    /// <param name="filterGlob">Optional glob over full benchmark names.</param>
    /// <param name="logger">Where BenchmarkDotNet logs.</param>
    public static IConfig Create(RunSettings settings, Type suite, string repositoryRoot, string artifactsPath,
        CostTable costTable, string? filterGlob, ILogger logger)
    {
        Job job = settings.Mode switch
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
        // Keep every measured iteration: compare and history run rank tests on the raw samples,
        // which tolerate outliers, and a fixed count per case keeps results comparable.
        job = job.WithToolchain(Toolchain(settings.Toolchain, repositoryRoot)).WithOutlierMode(OutlierMode.DontRemove);

        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CounterColumn.Transitions, CounterColumn.Userspace, CounterColumn.Fields, CounterColumn.Entries,
                new ModelledLatencyColumn(costTable))
            .AddExporter(JsonExporter.Full)
            .AddLogger(logger)
            .WithArtifactsPath(artifactsPath);
        if (settings.Disassembly)
            config.AddDiagnoser(DiagnoserFactory.Disassembly());
        if (settings.Profile)
            config.AddDiagnoser(DiagnoserFactory.Profiler());
        if (settings.Mode == RunMode.Quick)
            config.AddFilter(new SimpleFilter(SuiteCatalog.IsHeadline));
        if (!string.IsNullOrEmpty(filterGlob))
            config.AddFilter(new GlobFilter([filterGlob]));
        return config;
    }

    private static IToolchain Toolchain(RunToolchain toolchain, string repositoryRoot) =>
        toolchain == RunToolchain.InProcess ? InProcessEmitToolchain.Instance : ProjectToolchain.For(repositoryRoot);
}
