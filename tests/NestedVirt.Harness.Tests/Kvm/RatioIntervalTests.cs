using NestedVirt.Harness.Kvm;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class RatioIntervalTests
{
    [Fact]
    public void CoverageIsTheSignTestBinomialTail()
    {
        // 1 - 2 (C(9,0) + C(9,1)) / 2^9 and 1 - 2 / 2^7.
        Assert.Equal(1 - 2 * 10 / 512.0, RatioInterval.CoverageOf(9, 2), 12);
        Assert.Equal(1 - 2 / 128.0, RatioInterval.CoverageOf(7, 1), 12);
        Assert.Equal(0, RatioInterval.CoverageOf(1, 1));
    }

    [Fact]
    public void NineRoundsGiveTheSecondAndEighthRatioAt96Percent()
    {
        var interval = RatioInterval.Of([1.30, 0.70, 1.02, 0.98, 1.01, 0.99, 1.00, 1.03, 0.97])!.Value;

        Assert.Equal(0.97, interval.Low);
        Assert.Equal(1.03, interval.High);
        Assert.Equal(0.9609375, interval.Coverage, 9);
        Assert.Equal("yes", interval.Agreement);
    }

    [Theory]
    [InlineData(new[] { 1.20, 1.22, 1.25, 1.21, 1.23, 1.24, 1.26 }, "no")]
    [InlineData(new[] { 1.09, 0.83, 1.00, 0.95, 1.12, 1.04, 0.91 }, "undecided")]
    [InlineData(new[] { 1.00, 1.00, 1.00, 1.00, 1.00 }, "undecided")]
    [InlineData(new[] { 1.00, 1.01, 0.99, 1.02, 0.98, 1.00 }, "yes")]
    public void OnlyAnIntervalThatDecidesAt95PercentSaysYesOrNo(double[] ratios, string agreement)
    {
        Assert.Equal(agreement, RatioInterval.Of(ratios)!.Value.Agreement);
    }

    [Fact]
    public void NoRatiosNoInterval() => Assert.Null(RatioInterval.Of([]));
}
