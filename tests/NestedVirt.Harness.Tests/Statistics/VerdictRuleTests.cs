using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Tests.Statistics;

public sealed class VerdictRuleTests
{
    private static readonly double[] Base = [100.0, 101.3, 99.2, 100.7, 98.9, 100.2, 101.1, 99.6, 100.4, 99.9];
    private static readonly double[] Head3 = [103.1, 104.0, 102.2, 103.9, 101.8, 103.3, 104.4, 102.6, 103.5, 102.9];
    private static readonly double[] HeadSame = [100.3, 99.4, 100.9, 99.8, 100.1, 101.0, 99.1, 100.6, 99.7, 100.2];

    [Fact]
    public void AThreePercentShiftIsFlaggedPastAOnePercentMinimumEffect()
    {
        SampleComparison c = TwoSampleComparer.Compare(Base, Head3, ComparisonOptions.Default);

        Assert.Equal(ComparisonVerdict.Slower, c.Verdict);
        Assert.True(c.Decided);
        Assert.True(c.Interval.Lower > 1.01);
    }

    [Fact]
    public void TheSameThreePercentShiftIsNotFlaggedPastAFivePercentMinimumEffect()
    {
        // The interval (1.022, 1.039) lies wholly inside (0.95, 1.05): decided "same".
        SampleComparison c = TwoSampleComparer.Compare(Base, Head3, ComparisonOptions.Default with { MinEffectPercent = 5 });

        Assert.Equal(ComparisonVerdict.Same, c.Verdict);
        Assert.True(c.Decided);
    }

    [Fact]
    public void AShiftWhoseIntervalStraddlesTheMinimumEffectIsUndecided()
    {
        // Interval (1.022, 1.039) straddles 1.03: neither flagged nor inside the limits.
        SampleComparison c = TwoSampleComparer.Compare(Base, Head3, ComparisonOptions.Default with { MinEffectPercent = 3 });

        Assert.Equal(ComparisonVerdict.Same, c.Verdict);
        Assert.False(c.Decided);
    }

    [Fact]
    public void UnchangedHeadIsDecidedSame()
    {
        SampleComparison c = TwoSampleComparer.Compare(Base, HeadSame, ComparisonOptions.Default);

        Assert.Equal(ComparisonVerdict.Same, c.Verdict);
        Assert.True(c.Decided);
    }

    [Fact]
    public void TheNoiseFloorRaisesTheLimitOfFastBenchmarks()
    {
        // 3% of 100 ns is 3 ns: past a 0.5 ns floor, not past a 4 ns floor (limit 1.04).
        SampleComparison c = TwoSampleComparer.Compare(Base, Head3, ComparisonOptions.Default with { NoiseFloorNs = 4 });

        Assert.Equal(ComparisonVerdict.Same, c.Verdict);
        Assert.True(c.Decided);
    }

    [Fact]
    public void HolmKeepsAnAloneSignificantShiftFromBeingFlaggedInABigFamily()
    {
        // Four baseline and four candidate values all shifted up: alone, p = 1/70 (<= 0.025);
        // in a family of 10 unchanged benchmarks Holm's first step needs 0.05 / 20.
        double[] b = [100, 101, 102, 103];
        double[] h = [110, 111, 112, 113];
        ChangeEvidence alone = VerdictRule.Evidence(b, h, ComparisonOptions.Default, familySize: 1);
        ChangeEvidence inFamily = VerdictRule.Evidence(b, h, ComparisonOptions.Default, familySize: 10);

        Assert.Equal(ComparisonVerdict.Slower, VerdictRule.Decide([alone], ComparisonOptions.Default)[0].Verdict);
        Assert.False(inFamily.Testable);
        Assert.Equal(ComparisonVerdict.InsufficientData, VerdictRule.Decide([inFamily], ComparisonOptions.Default)[0].Verdict);
    }

    [Fact]
    public void HolmFlagsOnlyWhatPassesItsStepDownLevels()
    {
        // p-values (slower) 1/70 for a 4-vs-4 clear shift, tiny for the 10-vs-10 shift: with two
        // benchmarks (four hypotheses) the 4-vs-4 one needs p <= 0.05/3 at best: 0.0143 passes.
        double[] b = [100, 101, 102, 103];
        double[] h = [110, 111, 112, 113];
        ComparisonOptions o = ComparisonOptions.Default;
        ChangeEvidence[] family = [VerdictRule.Evidence(Base, Head3, o, 2), VerdictRule.Evidence(b, h, o, 2)];

        var verdicts = VerdictRule.Decide(family, o);

        Assert.Equal(ComparisonVerdict.Slower, verdicts[0].Verdict);
        Assert.Equal(ComparisonVerdict.Slower, verdicts[1].Verdict);
        Assert.Equal(ComparisonVerdict.Same, VerdictRule.Decide(family, o with { Alpha = 0.04 })[1].Verdict);
    }

    [Fact]
    public void MoreLooksWidenTheInterval()
    {
        SampleComparison one = TwoSampleComparer.Compare(Base, Head3, ComparisonOptions.Default);
        SampleComparison five = TwoSampleComparer.Compare(Base, Head3, ComparisonOptions.Default with { Looks = 5 });

        Assert.Equal(0.99, five.Interval.Confidence, 12);
        Assert.True(five.Interval.Lower < one.Interval.Lower);
        Assert.True(five.Interval.Upper > one.Interval.Upper);
    }
}
