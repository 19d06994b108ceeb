using NestedVirt.Harness.Statistics;
using Perfolizer;
using Perfolizer.Horology;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;
using Pragmastat.Metrology;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Statistics;

public sealed class TwoSampleComparerTests
{
    private static readonly ComparisonOptions Defaults = ComparisonOptions.Default;

    [Fact]
    public void IdenticalSamplesAreSame()
    {
        SampleComparison c = TwoSampleComparer.Compare(Samples(100, 15), Samples(100, 15), Defaults);

        Assert.Equal(ComparisonVerdict.Same, c.Verdict);
        Assert.Equal(1.0, c.Ratio, 12);
    }

    [Fact]
    public void ClearTwentyPercentShiftWithFifteenSamplesPerSideIsSlower()
    {
        SampleComparison c = TwoSampleComparer.Compare(Samples(100, 15), Samples(120, 15, phase: 2), Defaults);

        Assert.Equal(ComparisonVerdict.Slower, c.Verdict);
        Assert.Equal(100, c.BaselineMedianNs, 9);
        Assert.Equal(120, c.CandidateMedianNs, 9);
        Assert.Equal(1.2, c.Ratio, 9);
    }

    [Fact]
    public void ClearTwentyPercentDropWithFifteenSamplesPerSideIsFaster()
    {
        SampleComparison c = TwoSampleComparer.Compare(Samples(100, 15), Samples(80, 15, phase: 1), Defaults);

        Assert.Equal(ComparisonVerdict.Faster, c.Verdict);
        Assert.Equal(0.8, c.Ratio, 9);
    }

    [Fact]
    public void ThreeSamplesPerSideAreInsufficientDataNotSame()
    {
        // Model 05 §2.2: with 3 per side even +30% is "indistinguishable"; we must not call it "same".
        SampleComparison c = TwoSampleComparer.Compare(Samples(100, 3), Samples(130, 3), Defaults);

        Assert.Equal(ComparisonVerdict.InsufficientData, c.Verdict);
        Assert.Equal(1.3, c.Ratio, 9);
    }

    [Fact]
    public void OneShortSideIsEnoughForInsufficientData()
    {
        // 15 against 1: the best p-value, 1/16, cannot pass 0.05 / 2.
        SampleComparison c = TwoSampleComparer.Compare(Samples(100, 15), Samples(130, 1), Defaults);

        Assert.Equal(ComparisonVerdict.InsufficientData, c.Verdict);
    }

    [Fact]
    public void ShiftBelowNoiseFloorIsSame()
    {
        // 1.0 -> 1.1 ns is +10%, past the 1% minimum effect, but 0.1 ns is under the 0.5 ns floor.
        double[] before = Samples(1.0, 15);
        double[] after = Samples(1.1, 15, phase: 3);

        Assert.Equal(ComparisonVerdict.Same, TwoSampleComparer.Compare(before, after, Defaults).Verdict);

        // The floor is what decides: lowering it flags the same data.
        ComparisonOptions lowFloor = Defaults with { NoiseFloorNs = 0.05 };
        Assert.Equal(ComparisonVerdict.Slower, TwoSampleComparer.Compare(before, after, lowFloor).Verdict);
    }

    [Fact]
    public void ShiftBelowMinimumEffectIsSame()
    {
        // 1000 -> 1020 ns is 20 ns, far past the floor, but only +2% (minimum effect 5%).
        double[] before = Samples(1000, 15);
        double[] after = Samples(1020, 15, phase: 3);

        Assert.Equal(ComparisonVerdict.Same, TwoSampleComparer.Compare(before, after, Defaults with { MinEffectPercent = 5 }).Verdict);
        Assert.Equal(ComparisonVerdict.Slower, TwoSampleComparer.Compare(before, after, Defaults).Verdict);
    }

    [Theory]
    [InlineData(0.05, 4)]
    [InlineData(0.01, 5)]
    public void MinimumSamplesPerSideMatchesSpec05(double alpha, int minimum)
    {
        // Each direction of a family of one is tested at alpha / 2 at best (Holm over two).
        Assert.Equal(minimum, SampleSizeRule.MinimumPerSide(alpha / 2));
        Assert.Equal(minimum, (Defaults with { Alpha = alpha }).MinimumSamplesPerSide);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.01)]
    public void BelowTheMinimumPerfolizerCannotSeeAThirtyPercentShift(double alpha)
    {
        // Ties the derived rule to the library's behaviour: one sample fewer than the minimum and
        // the raw equivalence test misses +30%; at the minimum it sees it.
        int minimum = (Defaults with { Alpha = alpha }).MinimumSamplesPerSide;
        var test = new SimpleEquivalenceTest(MannWhitneyTest.Instance);
        var threshold = new Threshold(PercentValue.Of(5).ToMeasurement());
        ComparisonResult below = test.Perform(Ns(Samples(130, minimum - 1)), Ns(Samples(100, minimum - 1)), threshold, new SignificanceLevel(alpha));
        ComparisonResult at = test.Perform(Ns(Samples(130, minimum)), Ns(Samples(100, minimum)), threshold, new SignificanceLevel(alpha));

        Assert.Equal(ComparisonResult.Indistinguishable, below);
        Assert.Equal(ComparisonResult.Greater, at);
        Assert.Equal(ComparisonVerdict.Slower, TwoSampleComparer.Compare(Samples(100, minimum), Samples(130, minimum), Defaults with { Alpha = alpha }).Verdict);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.1)]
    public void AlphaOutsideOpenIntervalIsRejected(double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoSampleComparer.Compare(Samples(1, 5), Samples(1, 5), Defaults with { Alpha = alpha }));
    }

    [Fact]
    public void MedianIsTheClassicSampleMedian()
    {
        Assert.Equal(2.5, SampleMedian.Of([4, 1, 3, 2]));
        Assert.Equal(3, SampleMedian.Of([5, 1, 3]));
        Assert.True(double.IsNaN(SampleMedian.Of([])));
    }

    private static Sample Ns(double[] values) => new(values, TimeUnit.Nanosecond);
}
