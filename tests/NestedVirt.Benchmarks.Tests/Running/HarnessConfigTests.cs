using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Model;
using Perfolizer.Mathematics.OutlierDetection;

namespace NestedVirt.Benchmarks.Tests.Running;

/// <summary>BenchmarkDotNet's console options applied to nvbench's job, as BenchmarkDotNet applies them to its Default job.</summary>
public sealed class HarnessConfigTests
{
    private static (Job Job, IConfig Config) Configure(RunOptions options)
    {
        IConfig config = HarnessConfig.Create(options, typeof(WalkerSpecialisation), RepositoryLocator.Find(AppContext.BaseDirectory), Path.GetTempPath(), CostTable.Published, NullLogger.Instance);
        BenchmarkCase[] cases = BenchmarkConverter.TypeToBenchmarks(typeof(WalkerSpecialisation), config).BenchmarksCases;
        Job job = Assert.Single(cases.Select(c => c.Job).Distinct());
        return (job, config);
    }

    [Fact]
    public void WithoutOptionsTheQuickJobRuns()
    {
        (Job job, _) = Configure(new RunOptions());

        Assert.Equal(10, job.Run.IterationCount);
        Assert.Equal(3, job.Run.WarmupCount);
        Assert.Equal(OutlierMode.DontRemove, job.Accuracy.OutlierMode);
    }

    [Fact]
    public void JobOptionsChangeTheModesJob()
    {
        (Job job, _) = Configure(new RunOptions { Settings = RunSettings.For(NestedVirt.Benchmarks.Running.RunMode.Full), BenchmarkDotNetArguments = ["--iterationCount", "7", "--warmupCount", "2"] });

        Assert.Equal(7, job.Run.IterationCount);
        Assert.Equal(2, job.Run.WarmupCount);
        Assert.Equal(OutlierMode.DontRemove, job.Accuracy.OutlierMode);
    }

    [Fact]
    public void JobPresetReplacesTheModesJobAndKeepsEveryIteration()
    {
        (Job job, _) = Configure(new RunOptions { Job = "Short" });

        Assert.Equal(3, job.Run.IterationCount);
        Assert.Equal(OutlierMode.DontRemove, job.Accuracy.OutlierMode);
        Assert.Equal("short", HarnessConfig.JobName(new RunOptions { Job = "Short" }));
    }

    [Fact]
    public void ExportersJoinAndMemoryReachBenchmarkDotNet()
    {
        (_, IConfig config) = Configure(new RunOptions { BenchmarkDotNetArguments = ["--exporters", "html", "--join", "--memory"] });

        Assert.Contains(config.GetExporters(), e => e is HtmlExporter);
        Assert.True(config.Options.HasFlag(ConfigOptions.JoinSummary));
        Assert.All(HarnessConfig.Reports, r => Assert.Contains(r, config.GetExporters()));
    }

    [Theory]
    [InlineData(new[] { "--iterationCount", "x" }, "BenchmarkDotNet refused --iterationCount x: Option 'iterationCount' is defined with a bad format.")]
    [InlineData(new[] { "--exporters", "nope" }, "BenchmarkDotNet refused --exporters nope: The provided exporter \"nope\" is invalid.")]
    [InlineData(new[] { "--runtimes", "net8.0", "net10.0" }, "--runtimes net8.0 net10.0 asks for 2 jobs; a run stores one job: run once per runtime or job")]
    public void ValuesBenchmarkDotNetRefusesAreOneLineUsageErrors(string[] arguments, string expected)
    {
        UsageException e = Assert.Throws<UsageException>(() => Configure(new RunOptions { BenchmarkDotNetArguments = arguments }));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AnUnknownJobPresetGetsASuggestion()
    {
        UsageException e = Assert.Throws<UsageException>(() => Configure(new RunOptions { Job = "shrt" }));

        Assert.Equal("option --job: 'shrt' is not one of default, dry, short, medium, long, verylong (did you mean short?)", e.Message);
    }
}
