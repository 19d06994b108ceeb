using NestedVirt.Harness.Statistics;
using Pragmastat;

namespace NestedVirt.Harness.Tests.Statistics;

/// <summary>
/// Pins the verdict statistics to reference values computed independently by
/// Reference/verdict_reference.py (pure Python: exact Mann-Whitney counts by recurrence, exact
/// rationals, sorted pairwise ratios, Holm's step-down). Run it to see where each number comes
/// from; the expected values below are its output, pasted.
/// </summary>
public sealed class VerdictReferenceTests
{
    private static readonly double[] Base = [100.0, 101.3, 99.2, 100.7, 98.9, 100.2, 101.1, 99.6, 100.4, 99.9];
    private static readonly double[] Head3 = [103.1, 104.0, 102.2, 103.9, 101.8, 103.3, 104.4, 102.6, 103.5, 102.9];
    private static readonly double[] HeadSame = [100.3, 99.4, 100.9, 99.8, 100.1, 101.0, 99.1, 100.6, 99.7, 100.2];

    [Theory]
    [InlineData(3, 3, new[] { 0.05, 0.1, 0.2, 0.35 })]
    [InlineData(4, 4, new[] { 0.014285714285714285, 0.02857142857142857, 0.05714285714285714, 0.1 })]
    [InlineData(5, 7, new[] { 0.0012626262626262627, 0.0025252525252525255, 0.005050505050505051, 0.008838383838383838 })]
    [InlineData(10, 10, new[] { 5.412544112234515e-06, 1.082508822446903e-05, 2.165017644893806e-05, 3.78878087856416e-05 })]
    public void MannWhitneyProbabilitiesMatchTheExactCounts(int n, int m, double[] expected)
    {
        for (int u = 0; u < expected.Length; u++)
        {
            Assert.Equal(expected[u], MannWhitneyDistribution.ProbabilityAtMost(n, m, u), 12);
        }
    }

    [Theory]
    [InlineData(10, 10, 0.025, 24)]
    [InlineData(10, 10, 0.0025, 14)]
    [InlineData(5, 7, 0.025, 6)]
    [InlineData(4, 4, 0.025, 1)]
    [InlineData(3, 3, 0.025, 0)]
    public void LowerBoundRankIsTheLargestRankWithinAlpha(int n, int m, double alpha, int expected)
    {
        Assert.Equal(expected, MannWhitneyDistribution.LowerBoundRank(n, m, alpha));
    }

    [Fact]
    public void ThreePercentSlowerHeadHasTheReferenceRatioAndInterval()
    {
        RatioInterval interval = HodgesLehmannRatio.Interval(new PairwiseRatios(Base, Head3), 0.025);

        Assert.Equal(1.0304220536254498, interval.Estimate, 12);
        Assert.Equal(1.0219123505976095, interval.Lower, 12);
        Assert.Equal(1.0391566265060241, interval.Upper, 12);
        Assert.Equal(0.95, interval.Confidence, 12);
    }

    [Fact]
    public void UnchangedHeadHasTheReferenceRatioAndInterval()
    {
        RatioInterval interval = HodgesLehmannRatio.Interval(new PairwiseRatios(Base, HeadSame), 0.025);

        Assert.Equal(0.9990089158285669, interval.Estimate, 12);
        Assert.Equal(0.9920870425321464, interval.Lower, 12);
        Assert.Equal(1.007007007007007, interval.Upper, 12);
    }

    [Fact]
    public void EstimateIsPragmastatsRatioEstimator()
    {
        // The Hodges-Lehmann ratio is what Pragmastat (shipped with Perfolizer 0.6.1) calls Ratio.
        double pragmastat = new Sample(Head3).Ratio(new Sample(Base)).NominalValue;

        Assert.Equal(pragmastat, new PairwiseRatios(Base, Head3).Median, 12);
    }

    [Theory]
    [InlineData("head3", "above", 1.01, 3.78878087856416e-05)]
    [InlineData("head3", "below", 0.99, 1.0)]
    [InlineData("same", "above", 1.01, 0.9965792721210678)]
    [InlineData("same", "below", 0.99, 0.9980568966637078)]
    [InlineData("head3", "above", 1.03, 0.4267141527203447)]
    public void OneSidedPValuesMatchTheReference(string head, string side, double limit, double expected)
    {
        var ratios = new PairwiseRatios(Base, head == "head3" ? Head3 : HeadSame);

        double p = side == "above" ? HodgesLehmannRatio.PValueAbove(ratios, limit) : HodgesLehmannRatio.PValueBelow(ratios, limit);

        Assert.Equal(expected, p, 12);
    }

    [Fact]
    public void HolmAdjustmentMatchesTheReference()
    {
        double[] adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03, 0.005, 0.5]);

        Assert.Equal([0.04, 0.09, 0.09, 0.025, 0.5], adjusted.Select(p => Math.Round(p, 12)));
    }
}
