using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed class BenchmarkLabelTests
{
    private static BenchmarkKey Key(string suite, string method, params (string Name, string Value)[] parameters) =>
        new($"{suite}.{method}", suite, method, parameters.ToDictionary(p => p.Name, p => p.Value));

    [Fact]
    public void RelayVsReflectionIsNamedByItsParametersInFixedOrder()
    {
        // Parameters given out of order: the label order is Vendor, Call, Path, Clean.
        BenchmarkKey key = Key("RelayVsReflection", "Hypercall", ("Clean", "False"), ("Path", "Reflect"), ("Call", "HvSignalEvent"), ("Vendor", "Svm"));

        Assert.Equal("rvr/svm/hvsignalevent/reflect/noclean", BenchmarkLabel.Short(key));
        Assert.Equal("rvr_svm_hvsignalevent_reflect_noclean", BenchmarkLabel.RawName(key));
    }

    [Fact]
    public void NestedWalkIntegerParametersKeepTheirName()
    {
        BenchmarkKey key = Key("NestedWalk", "Walk", ("Format", "Ept"), ("Levels", "4"), ("PageSize", "4K"), ("Dimension", "TwoD"), ("Caches", "True"));

        Assert.Equal("walk/ept/levels4/4k/twod/caches", BenchmarkLabel.Short(key));
    }

    [Fact]
    public void OtherSuitesStartWithSuiteAndMethod()
    {
        BenchmarkKey key = Key("ExitDispatch", "Switch", ("N", "64"));

        Assert.Equal("exitdispatch/switch/n64", BenchmarkLabel.Short(key));
    }

    [Fact]
    public void LongRawNameIsShortenedStablyAndStaysGreppable()
    {
        BenchmarkKey key = Key("AVeryLongSuiteNameForTesting", "AnEvenLongerBenchmarkMethodName", ("SomeParameter", "SomeRatherLongValue"));

        string raw = BenchmarkLabel.RawName(key);

        Assert.True(raw.Length <= 60, raw);
        Assert.Matches("^[a-z0-9_]+$", raw);
        Assert.Equal(raw, BenchmarkLabel.RawName(key));
        Assert.NotEqual(raw, BenchmarkLabel.RawName(Key("AVeryLongSuiteNameForTesting", "AnEvenLongerBenchmarkMethodName", ("SomeParameter", "SomeRatherLongValu2"))));
    }
}
