using NestedVirt.Benchmarks.Commands;
using NestedVirt.Benchmarks.Drivers;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class DriveCommandTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (string id in HotPathCatalog.Ids)
        {
            if (id.StartsWith("walk.", StringComparison.Ordinal))
            {
                data.Add(id);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("relay.vmx.postmessage")]
    [InlineData("reflect.vmx.postmessage")]
    [InlineData("relay.svm.postmessage")]
    [InlineData("reflect.svm.postmessage")]
    public void EveryHypercallHotPathCompletesEachPostWithSuccess(string id)
    {
        HotPath hotPath = HotPathCatalog.Create(id)!;
        hotPath.Prepare();

        // The checksum adds L2's RAX after each exit: HV_STATUS_SUCCESS is 0, so any failed post
        // (a dropped post returns INVALID_CONNECTION_ID, 0x12) makes it non-zero.
        Assert.Equal(0UL, hotPath.Run(200));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryHotPathWalksItsStreamToTheMappedAddresses(string id)
    {
        HotPath hotPath = HotPathCatalog.Create(id)!;
        hotPath.Prepare();
        // The fixture maps L2 GPAs one-to-one and L2's region linearly onto L1 RAM, so a translated
        // walk returns the GPA itself (1-D) or WalkFixture.L1AddressOf (2-D); a fault would return
        // the faulting address or break the sum.
        var fixture = new WalkFixture(id.Contains(".ept.", StringComparison.Ordinal) ? NestedFormat.Ept : NestedFormat.Npt, 4,
            NestedVirt.Paging.PageSize.Size4K, 1024, 24);
        bool oneD = id.Contains(".1d.", StringComparison.Ordinal);
        ulong expected = 0;
        for (int i = 0; i < 3000; i++)
        {
            expected += oneD ? fixture.PhysicalStream[i & 1023] : WalkFixture.L1AddressOf(fixture.LinearStream[i & 1023]);
        }

        Assert.Equal(expected, hotPath.Run(3000));
        Assert.Equal(0UL, hotPath.Run(0));
    }

    [Fact]
    public void DriverPrintsOneChecksumLineAndExitsZero()
    {
        using var folder = new TempFolder();
        var (context, output, _) = folder.Context();

        int code = new CommandDispatcher([new DriveCommand()]).Run(["drive", "walk.npt.1d.4l", "10"], context);

        Assert.Equal(0, code);
        Assert.Matches("^walk\\.npt\\.1d\\.4l 10 checksum=[0-9a-f]{16}\n$", output.ToString());
    }

    [Theory]
    [InlineData("walk.ept.3d", "10", "unknown hot path 'walk.ept.3d'")]
    [InlineData("walk.ept.1d.4l", "-1", "'-1'")]
    [InlineData("walk.ept.1d.4l", "many", "'many'")]
    public void BadArgumentsExitTwoNamingTheValue(string id, string iterations, string named)
    {
        using var folder = new TempFolder();
        var (context, _, error) = folder.Context();

        int code = new CommandDispatcher([new DriveCommand()]).Run(["drive", id, iterations], context);

        Assert.Equal(2, code);
        Assert.Contains(named, error.ToString());
    }

    [Fact]
    public void IdsAreThePermanentHeadlineWalks()
    {
        Assert.Equal(
            ["walk.ept.1d.4l", "walk.npt.1d.4l", "walk.ept.2d.4x4", "walk.npt.2d.4x4",
             "relay.vmx.postmessage", "reflect.vmx.postmessage", "relay.svm.postmessage", "reflect.svm.postmessage",
             "route.vmx.mix", "route.svm.mix", "exit.vmx.plain", "exit.svm.plain"],
            HotPathCatalog.Ids);
        Assert.All(HotPathCatalog.Ids, id => Assert.Equal(id, HotPathCatalog.Create(id)!.Id));
        Assert.Null(HotPathCatalog.Create("walk.ept.1d"));
    }

    [Fact]
    public void EveryHeadlineCaseCanBeDrivenByItsBenchmarkIdAndAllocatesNothing()
    {
        Assert.NotEmpty(BenchmarkCaseHotPath.HeadlineIds);
        foreach (string id in BenchmarkCaseHotPath.HeadlineIds)
        {
            HotPath hotPath = HotPathCatalog.Create(id)!;
            Assert.Equal(id, hotPath.Id);
            hotPath.Prepare();
            hotPath.Run(4);
            long before = GC.GetAllocatedBytesForCurrentThread();
            hotPath.Run(64);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before == 0, id);
        }

        Assert.Equal(1024, HotPathCatalog.OperationsPerIteration("walk/ept/levels4/size4k/oned/cold"));
        Assert.Equal(1, HotPathCatalog.OperationsPerIteration("walk.ept.1d.4l"));
        Assert.Null(HotPathCatalog.Create("NoSuch.Case()"));
    }
}
