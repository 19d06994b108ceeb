using NestedVirt.Benchmarks.Drivers;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Paging.Native;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Tests.Paging;

/// <summary>
/// The C reference walkers as the benchmarks and icount use them. libnvwalk is built with the
/// benchmarks whenever a C compiler exists (CI installs gcc); without it, the tests check the
/// skip path instead, so each test asserts something on every machine.
/// </summary>
public sealed class NativeWalkHotPathTests
{
    public static TheoryData<string> NativeIds()
    {
        var data = new TheoryData<string>();
        foreach (string id in HotPathCatalog.NativeIds)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NativeIds))]
    public void EachCWalkerWalksTheSameAddressesAsItsCSharpHotPath(string id)
    {
        HotPath native = HotPathCatalog.Create(id)!;
        if (NativeCases.SkipReason is string reason)
        {
            var error = Assert.Throws<HarnessException>(() => native.Prepare());
            Assert.Contains(reason, error.Message);
            return;
        }

        HotPath managed = HotPathCatalog.Create(id[..^IcountSuffix.Length])!;
        Assert.Equal(managed.Prepare(), native.Prepare());
        Assert.Equal(managed.Run(3000), native.Run(3000));
        Assert.Equal(0UL, native.Run(0));
    }

    [Fact]
    public void TheSelfTestCatchesACWalkerThatSkipsARule()
    {
        if (NativeCases.SkipReason is not null)
        {
            Assert.Throws<InvalidOperationException>(() => new NativeWalkFixture(Fixture(), NestedFormat.Ept, WalkDimension.OneD));
            return;
        }

        var native = new NativeWalkFixture(Fixture(), NestedFormat.Ept, WalkDimension.OneD);
        Assert.True(NativeSelfTest.Run(native) > 10);

        // A walker that translates misconfigured entries (skips E-02..E-05) fails by rule name.
        var error = Assert.Throws<InvalidOperationException>(() => NativeSelfTest.Run(native, (address, intent) =>
        {
            NativeResult r = native.WalkOne(address, intent);
            if (r.Status == (byte)WalkStatus.Misconfigured)
            {
                r.Status = (byte)WalkStatus.Translated;
                r.Stage = (byte)FaultStage.None;
            }

            return r;
        }));
        Assert.Contains("E-02 write without read", error.Message);
    }

    [Fact]
    public void TheSelfTestCatchesACWalkerThatReadsAnEntryTooMany()
    {
        if (NativeCases.SkipReason is not null)
        {
            Assert.Throws<InvalidOperationException>(() => new NativeWalkFixture(Fixture(NestedFormat.Npt), NestedFormat.Npt, WalkDimension.TwoD));
            return;
        }

        var native = new NativeWalkFixture(Fixture(NestedFormat.Npt), NestedFormat.Npt, WalkDimension.TwoD);
        var error = Assert.Throws<InvalidOperationException>(() => NativeSelfTest.Run(native, (address, intent) =>
        {
            NativeResult r = native.WalkOne(address, intent);
            r.Reads++;
            return r;
        }));
        Assert.Contains("stream[0]", error.Message);
    }

    private const string IcountSuffix = NestedVirt.Harness.Instructions.IcountReport.NativeSuffix;

    private static WalkFixture Fixture(NestedFormat format = NestedFormat.Ept) =>
        new(format, 4, PageSize.Size4K, 1024, workingSetPages: 24);
}
