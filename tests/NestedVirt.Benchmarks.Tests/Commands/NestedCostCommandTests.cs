using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Benchmarks.Running;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// <c>nvbench nested-cost</c> without running BenchmarkDotNet: its two jobs, the check that each
/// benchmark process measured the build its job names, and the table.
/// </summary>
public sealed class NestedCostCommandTests
{
    [Fact]
    public void TheTwoJobsDifferOnlyInTheEnableNestedArgument()
    {
        IConfig config = NestedCostConfig.Create(quick: true, Path.GetTempPath(), Path.GetTempPath(), NullLogger.Instance);
        Job[] jobs = [.. config.GetJobs()];

        Assert.Equal([NestedCostConfig.NestedInJob, NestedCostConfig.NestedOutJob], jobs.Select(j => j.Id));
        Assert.True(jobs[0].Meta.Baseline);
        Assert.Equal("/p:EnableNested=true", Assert.Single(jobs[0].Infrastructure.Arguments!).TextRepresentation);
        Assert.Equal("/p:EnableNested=false", Assert.Single(jobs[1].Infrastructure.Arguments!).TextRepresentation);
        Assert.Equal(jobs[0].Run.IterationCount, jobs[1].Run.IterationCount);
        Assert.Equal("nvbench-csproj", jobs[1].Infrastructure.Toolchain!.Name);
    }

    [Fact]
    public void EachProcessMustReportTheBuildOfItsJob()
    {
        string[] good =
        [
            "// Benchmark: NonNestedExit.Handle: nested-in(Arguments=/p:EnableNested=true) [Vendor=Intel]",
            "// NestedVirtSwitches: EnableNested=true EnableVmx=true EnableSvm=true",
            "// Benchmark: NonNestedExit.Handle: nested-out(Arguments=/p:EnableNested=false) [Vendor=Intel]",
            "// NestedVirtSwitches: EnableNested=false EnableVmx=true EnableSvm=true",
        ];
        string[] swapped = [good[0], good[3], good[2], good[1]];

        Assert.Null(NestedCostCommand.CheckBuilds(good));
        Assert.Equal("job nested-in ran a core built with EnableNested=false EnableVmx=true EnableSvm=true",
            NestedCostCommand.CheckBuilds(swapped));
        Assert.Equal("no benchmark process reported its build", NestedCostCommand.CheckBuilds([good[0], good[2]]));
    }

    [Fact]
    public void TheTableGivesOutOverInPerVendor()
    {
        string table = NestedCostCommand.Table(
        [
            new NestedCostRow(CpuVendor.Intel, NestedCostConfig.NestedInJob, 20.0),
            new NestedCostRow(CpuVendor.Intel, NestedCostConfig.NestedOutJob, 19.0),
            new NestedCostRow(CpuVendor.Amd, NestedCostConfig.NestedInJob, 10.0),
            new NestedCostRow(CpuVendor.Amd, NestedCostConfig.NestedOutJob, 11.5),
        ]);

        Assert.Equal(
            "Non-nested exit, ns per exit of the mix (median; one run)\n" +
            "vendor  nested in  nested out  out/in\n" +
            "VMX         20.00       19.00   0.95x\n" +
            "SVM         10.00       11.50   1.15x\n", table);
    }
}
