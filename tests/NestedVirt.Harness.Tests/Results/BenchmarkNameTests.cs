using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class BenchmarkNameTests
{
    private static Dictionary<string, string> Parameters(params (string Name, string Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void RelayVsReflectionIsNamedByItsParametersInFixedOrder()
    {
        // Parameters given out of order: the name's order is Vendor, Call, Path, Clean.
        var parameters = Parameters(("Clean", "False"), ("Path", "Reflected"), ("Call", "SignalEvent"), ("Vendor", "Amd"));

        Assert.Equal("rvr/amd/signalevent/reflected/noclean", BenchmarkName.Of("RelayVsReflection", "Hypercall", parameters));
    }

    [Fact]
    public void NestedWalkIntegerParametersKeepTheirName()
    {
        var parameters = Parameters(("Format", "Ept"), ("Levels", "4"), ("PageSize", "Size4K"), ("Dimension", "TwoD"), ("Caches", "Warm"));

        Assert.Equal("walk/ept/levels4/size4k/twod/warm", BenchmarkName.Of("NestedWalk", "Walk", parameters));
    }

    [Fact]
    public void OtherSuitesStartWithSuiteAndMethodThenParametersByName()
    {
        Assert.Equal("exitdispatch/switch/b/n64", BenchmarkName.Of("ExitDispatch", "Switch", Parameters(("N", "64"), ("A", "B"))));
        Assert.Equal("walkerspecialisation/generic", BenchmarkName.Of("WalkerSpecialisation", "Generic", Parameters()));
    }

    [Fact]
    public void ResultsStoredBeforeTheParametersWereTypedReadWithTodaysNames()
    {
        var stored = new BenchmarkResult
        {
            Id = "RelayVsReflection.Hypercall(Vendor=Vmx, Call=HvPostMessage, Path=Relay, Clean=True)",
            Suite = "RelayVsReflection",
            Method = "Hypercall",
            Parameters = Parameters(("Vendor", "Vmx"), ("Call", "HvPostMessage"), ("Path", "Relay"), ("Clean", "True")),
            SamplesNs = [1, 2, 3],
        };

        BenchmarkResult upgraded = BenchmarkName.Upgrade(stored);

        Assert.Equal("rvr/intel/postmessage/relayed/clean", upgraded.Id);
        Assert.Equal("Intel", upgraded.Parameters["Vendor"]);
        Assert.Equal("Relayed", upgraded.Parameters["Path"]);
        Assert.Equal(stored.SamplesNs, upgraded.SamplesNs);
        Assert.Equal("Vmx", stored.Parameters["Vendor"]);
    }

    [Fact]
    public void ACurrentResultIsReturnedAsIs()
    {
        var current = new BenchmarkResult
        {
            Id = "exitrouting/route/amd",
            Suite = "ExitRouting",
            Method = "Route",
            Parameters = Parameters(("Vendor", "Amd")),
        };

        Assert.Same(current, BenchmarkName.Upgrade(current));
    }

    [Theory]
    [InlineData("RelayVsReflection.Hypercall(Vendor=Svm, Call=HvSignalEvent, Path=Reflect, Clean=False)", "rvr/amd/signalevent/reflected/noclean")]
    [InlineData("ExitRouting.Route(Vendor=Vmx)", "exitrouting/route/intel")]
    [InlineData("WalkerSpecialisation.Generic", "walkerspecialisation/generic")]
    [InlineData("NestedWalk.Walk(Format=Ept, Levels=4, PageSize=Size4K, Dimension=OneD, Caches=Cold)", "walk/ept/levels4/size4k/oned/cold")]
    [InlineData("walk/ept/levels4/size4k/oned/cold", "walk/ept/levels4/size4k/oned/cold")]
    [InlineData("not an id", "not an id")]
    public void OldIdsOfGateBaselinesReadAsNames(string stored, string expected)
    {
        Assert.Equal(expected, BenchmarkName.UpgradeId(stored));
    }
}
