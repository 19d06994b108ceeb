using NestedVirt.Harness.Instructions;

namespace NestedVirt.Harness.Tests.Instructions;

public sealed class IcountSampleTests
{
    [Theory]
    [InlineData(290_000_000L + (549L * 20_000), 290_000_000L, 20_000L, 549.0)]
    [InlineData(1_000_007L, 1_000_000L, 2L, 3.5)]
    [InlineData(500L, 500L, 10L, 0.0)]
    [InlineData(100L, 110L, 5L, -2.0)]
    public void PerOperationIsTheDifferenceDividedByN(long atN, long atZero, long n, double expected)
    {
        Assert.Equal(expected, IcountSample.PerOperation(atN, atZero, n), 12);
        Assert.Equal(expected, new IcountSample("x", n, atN, atZero).InstructionsPerOp, 12);
    }

    [Fact]
    public void ZeroIterationsIsMisuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IcountSample.PerOperation(10, 5, 0));
    }

    [Fact]
    public void ReportAveragesRepeatsAndGivesTheirSpread()
    {
        var report = new IcountReport
        {
            Samples =
            [
                new IcountSample("a", 10, 1_000 + 5_500, 1_000),
                new IcountSample("a", 10, 2_000 + 5_520, 2_000),
                new IcountSample("b", 10, 100, 0),
            ],
            Native = [new IcountSample("c.c", 10, 3_000, 0)],
        };
        Assert.Equal(["a", "b"], report.Ids());
        Assert.Equal(551.0, report.PerOperation("a")!.Value, 9);
        Assert.Equal(2.0, report.Spread("a"), 9);
        Assert.Equal(0.0, report.Spread("b"));
        Assert.Null(report.PerOperation("c"));
        Assert.Null(report.NativeRatio("a"));
        Assert.Equal(300.0, report.NativePerOperation("c.c"));
        Assert.Null(report.NativeRatio("c"));
    }
}
