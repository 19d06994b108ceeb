using NestedVirt.Harness.Statistics;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Statistics;

public sealed class ChangePointAnalyzerTests
{
    private readonly ChangePointAnalyzer analyzer = new(ChangePointOptions.Default);

    /// <summary>A series of 30 commits c0..c29 whose level changes at the given first-new indexes.</summary>
    private static List<SeriesPoint> Steps(int count, params (int FirstNew, double Level)[] steps)
    {
        var points = new List<SeriesPoint>(count);
        for (int i = 0; i < count; i++)
        {
            double level = 100;
            foreach ((int firstNew, double l) in steps)
            {
                level = i >= firstNew ? l : level;
            }

            points.Add(new SeriesPoint($"c{i}", Samples(level * (1 + (((i * 3) % 5) - 2) * 0.002), 15, phase: i)));
        }

        return points;
    }

    [Theory]
    [InlineData(15)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(25)]
    public void StepSeriesReportsTheLastPointOfTheOldLevel(int firstNew)
    {
        ChangePoint cp = Assert.Single(analyzer.Analyze(Steps(30, (firstNew, 120))));

        Assert.Equal(firstNew - 1, cp.Index);
        Assert.Equal($"c{firstNew}", cp.Commit);
        Assert.Equal(ComparisonVerdict.Slower, cp.Verdict);
        Assert.True(cp.Confirmed);
        Assert.Equal(1.2, cp.Ratio, 2);
    }

    [Fact]
    public void TwoStepsAreBothFoundAtTheirCommits()
    {
        IReadOnlyList<ChangePoint> cps = analyzer.Analyze(Steps(30, (10, 130), (20, 90)));

        Assert.Equal([9, 19], cps.Select(c => c.Index));
        Assert.Equal([ComparisonVerdict.Slower, ComparisonVerdict.Faster], cps.Select(c => c.Verdict));
    }

    [Fact]
    public void FlatSeriesHasNoChangePoint()
    {
        Assert.Empty(analyzer.Analyze(Steps(30)));
    }

    [Fact]
    public void ShiftUnderTheThresholdIsNotConfirmed()
    {
        // +2% is a real, consistent shift for EdPelt but below a 5% minimum effect.
        var strict = new ChangePointAnalyzer(ChangePointOptions.Default with { Comparison = ComparisonOptions.Default with { MinEffectPercent = 5 } });
        IReadOnlyList<ChangePoint> cps = strict.Analyze(Steps(30, (15, 102)));

        Assert.NotEmpty(cps);
        Assert.All(cps, c => Assert.False(c.Confirmed));
    }

    [Fact]
    public void ExplicitMinDistanceFindsARecentShift()
    {
        // Perfolizer's default minDistance of 20 would hide a shift 5 commits from the end.
        IReadOnlyList<ChangePoint> cps = analyzer.Analyze(Steps(30, (25, 130)));

        Assert.Equal(24, Assert.Single(cps).Index);
    }

    [Fact]
    public void PointWithoutSamplesIsRejected()
    {
        Assert.Throws<ArgumentException>(() => analyzer.Analyze([new SeriesPoint("c0", [])]));
    }
}
