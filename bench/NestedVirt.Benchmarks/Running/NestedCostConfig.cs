using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using NestedVirt.Benchmarks.Exits;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The configuration of <c>nvbench nested-cost</c>: the <c>NonNestedExit</c> suite under two
/// jobs that differ only in the MSBuild argument that builds the core, so one BenchmarkDotNet run
/// measures the same exit handler with nested code compiled in (the baseline) and compiled out.
/// Jobs with MSBuild arguments need the out-of-process toolchain: BenchmarkDotNet builds one
/// benchmark project per job (its own artifacts folder), which the default toolchain does.
/// </summary>
public static class NestedCostConfig
{
    /// <summary>Job id with nested code compiled in (the default build; the baseline).</summary>
    public const string NestedInJob = "nested-in";

    /// <summary>Job id with <c>EnableNested=false</c>.</summary>
    public const string NestedOutJob = "nested-out";

    /// <summary>The two jobs, measured like <c>run --full</c> (or <c>--quick</c>).</summary>
    public static IConfig Create(bool quick, string repositoryRoot, string artifactsPath, ILogger logger)
    {
        Job measure = quick
            ? Job.Default.WithWarmupCount(3).WithIterationCount(10).WithIterationTime(TimeInterval.FromMilliseconds(120))
            : Job.Default.WithWarmupCount(6).WithIterationCount(20).WithIterationTime(TimeInterval.FromMilliseconds(250));
        measure = measure.WithLaunchCount(1).WithOutlierMode(OutlierMode.DontRemove)
            .WithToolchain(BenchProjectToolchain.Create(repositoryRoot))
            .WithEnvironmentVariable(NonNestedExit.ReportSwitchesVariable, "1");

        return ManualConfig.CreateEmpty()
            .AddJob(measure.WithId(NestedInJob).WithArguments([new MsBuildArgument("/p:EnableNested=true")]).AsBaseline())
            .AddJob(measure.WithId(NestedOutJob).WithArguments([new MsBuildArgument("/p:EnableNested=false")]))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(logger)
            .WithArtifactsPath(artifactsPath)
            .WithOption(ConfigOptions.JoinSummary, true);
    }
}
