using BenchmarkDotNet.Attributes;
using NestedVirt.Benchmarks.Checks;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Relay;
using NestedVirt.Benchmarks.Running;

namespace NestedVirt.Benchmarks.Tests.Running;

public sealed class AllocationWindowTests
{
    [Fact]
    public void EverySuiteIsMeasuredOverAtLeastTheWindowAndAtMostOneInvocationMore()
    {
        foreach (Type suite in SuiteCatalog.Suites.Append(typeof(PlantedAllocation)))
        {
            int perInvoke = suite.GetMethods().Select(m => m.GetCustomAttributes(typeof(BenchmarkAttribute), false))
                .Where(a => a.Length > 0).Min(a => ((BenchmarkAttribute)a[0]).OperationsPerInvoke);
            long operations = (long)AllocationWindow.InvocationsFor(suite) * perInvoke;

            Assert.InRange(operations, AllocationWindow.Operations, AllocationWindow.Operations + perInvoke - 1);
        }
    }

    [Fact]
    public void StreamsOfOneThousandTwentyFourNeedSixtyFourInvocationsAndSingleExitsTheWholeWindow()
    {
        Assert.Equal(64, AllocationWindow.InvocationsFor(typeof(NestedWalk)));
        Assert.Equal(65_536, AllocationWindow.InvocationsFor(typeof(RelayVsReflection)));
    }

    [Fact]
    public void ForeignAllocationsOfEightKibibytesRoundToZeroWhileOneBytePerOperationDoesNot()
    {
        // BenchmarkDotNet rounds total bytes / operations to even (GcStats.GetBytesAllocatedPerOperation).
        Assert.Equal(0, Math.Round(8192.0 / AllocationWindow.Operations, MidpointRounding.ToEven));
        Assert.Equal(1, Math.Round((AllocationWindow.Operations + 8192.0) / AllocationWindow.Operations, MidpointRounding.ToEven));
    }

    [Fact]
    public void TheDryToolchainIsInProcessAndMeasuredRunsAreOutOfProcess()
    {
        Assert.Equal(RunToolchain.InProcess, RunSettings.For(RunMode.Dry).Toolchain);
        Assert.Equal(RunToolchain.OutOfProcess, RunSettings.For(RunMode.Quick).Toolchain);
        Assert.Equal(RunToolchain.OutOfProcess, RunSettings.For(RunMode.Full).Toolchain);
        Assert.Equal("out-of-process", RunToolchain.OutOfProcess.Name());
    }
}
