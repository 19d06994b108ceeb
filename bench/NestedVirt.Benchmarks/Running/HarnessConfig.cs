using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using Perfolizer.Mathematics.OutlierDetection;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NestedVirt.Harness.Model;
using Perfolizer.Horology;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The one recommended configuration (dotnet/performance keeps a single commented config):
/// in-process emit toolchain (no per-run project build; the harness process is the benchmark
/// process, so run nothing else in it), MemoryDiagnoser always on, BenchmarkDotNet's full JSON
/// exporter (stored inside our results envelope), model counter columns and the modelled latency.
/// No DisassemblyDiagnoser or ThreadingDiagnoser: on .NET 10 they fail BenchmarkDotNet 0.14's
/// validation and abort the whole run (model 05 §1).
/// </summary>
public static class HarnessConfig
{
    /// <summary>Builds the configuration for a run.</summary>
    public static IConfig Create(RunMode mode, string artifactsPath, CostTable costTable, string? filterGlob, ILogger logger)
    {
        Job job = mode switch
        {
            // 10 measured iterations: compare needs at least 5 per side at alpha 0.01 (model 05 §2.2).
            RunMode.Quick => Job.Default.WithId("quick").WithWarmupCount(3).WithIterationCount(10)
                .WithIterationTime(TimeInterval.FromMilliseconds(120)).WithLaunchCount(1),
            RunMode.Full => Job.Default.WithId("full").WithWarmupCount(6).WithIterationCount(20)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)).WithLaunchCount(1),
            // A few warm-up invocations so the allocation check sees tier-1 code, not the JIT at work.
            _ => Job.Dry.WithId("dry").WithWarmupCount(3),
        };
        // Keep every measured iteration: compare and history run rank tests on the raw samples,
        // which tolerate outliers, and a fixed count per case keeps results comparable.
        job = job.WithToolchain(InProcessEmitToolchain.Instance).WithOutlierMode(OutlierMode.DontRemove);

        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(CounterColumn.Transitions, CounterColumn.Userspace, CounterColumn.Fields, CounterColumn.Entries,
                new ModelledLatencyColumn(costTable))
            .AddExporter(JsonExporter.Full)
            .AddLogger(logger)
            .WithArtifactsPath(artifactsPath);
        if (mode == RunMode.Quick)
            config.AddFilter(new SimpleFilter(SuiteCatalog.IsHeadline));
        if (!string.IsNullOrEmpty(filterGlob))
            config.AddFilter(new GlobFilter([filterGlob]));
        return config;
    }
}
