using NestedVirt.Harness.Statistics;
using Perfolizer.Mathematics.Cpd;

namespace NestedVirt.Harness.Tests.Statistics;

public sealed class SegmentedEdPeltTests
{
    // Steps of +20 % after the given indexes, 0.5 % deterministic noise.
    private static double[] Series(int length, params int[] lastOfOldLevel)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            double level = 100 * Math.Pow(1.2, lastOfOldLevel.Count(s => i > s));
            values[i] = level * (1 + ((((i * 7) % 11) - 5) * 0.001));
        }

        return values;
    }

    [Fact]
    public void ShortSeriesGoesToEdPeltUnchanged()
    {
        double[] values = Series(200, 60, 140);

        Assert.Equal(EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, 3), SegmentedEdPelt.Detect(values, 3));
    }

    [Theory]
    [InlineData(279)] // last point of the first window's core
    [InlineData(280)] // first point of the second window's core
    [InlineData(241)] // inside the overlap, near the second window's start
    [InlineData(1234)]
    public void StepAnywhereInALongSeriesIsFoundOnceAtItsIndex(int step)
    {
        double[] values = Series(2500, step, 2000);

        Assert.Equal([step, 2000], SegmentedEdPelt.Detect(values, 3));
    }
}
