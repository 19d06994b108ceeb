using NestedVirt.Harness.Statistics;
using Perfolizer.Mathematics.Cpd;

namespace NestedVirt.Harness.Tests.Statistics;

// Differential test: our EdPelt against Perfolizer's EdPeltChangePointDetector, the reference
// it must reproduce index for index, on seeded series of every shape history meets.
public sealed class EdPeltTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 1; seed <= 60; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FindsWhatPerfolizersEdPeltFinds(int seed)
    {
        var random = new Random(seed);
        int length = seed % 10 == 0 ? random.Next(1100, 1300) : random.Next(3, 400);
        double[] values = Series(random, length);
        foreach (int minDistance in (int[])[1, 2, 3, 5, 20])
        {
            Assert.Equal(EdPeltChangePointDetector.Instance.GetChangePointIndexes(values, minDistance), EdPelt.Detect(values, minDistance));
        }
    }

    [Fact]
    public void TheComparisonCanFail()
    {
        // Guards the test above: the detectors really see the shifts, so agreeing means something.
        double[] values = Series(new Random(7), 300, steps: 4, ties: false);

        int[] found = EdPelt.Detect(values, 3);

        Assert.NotEmpty(found);
        Assert.NotEqual(found, EdPelt.Detect(values.Reverse().ToArray(), 3));
    }

    [Fact]
    public void ShortSeriesAndWideMinimumDistanceHaveNoChangePoints()
    {
        Assert.Empty(EdPelt.Detect([1.0, 2.0], 1));
        Assert.Empty(EdPelt.Detect([1.0, 1.0, 9.0, 9.0, 9.0], 3));
    }

    [Fact]
    public void MinimumDistanceBelowOneIsMisuse() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EdPelt.Detect([1.0, 2.0, 3.0, 4.0], 0));

    // Levels with steps, noise of 0.1 % to 5 %, sometimes outliers, and with ties (values
    // rounded to a coarse grid) in half of the series: equal values take EdPelt's "equal to the
    // quantile" branch.
    private static double[] Series(Random random, int length, int? steps = null, bool? ties = null)
    {
        int shifts = steps ?? random.Next(0, 6);
        var at = new HashSet<int>();
        for (int s = 0; s < shifts; s++)
        {
            at.Add(random.Next(length));
        }

        double noise = 0.001 * Math.Pow(50, random.NextDouble());
        bool round = ties ?? random.Next(2) == 0;
        double level = 100;
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            if (at.Contains(i))
            {
                level *= 0.7 + (0.6 * random.NextDouble());
            }

            double v = level * (1 + (noise * ((random.NextDouble() * 2) - 1)));
            if (random.Next(50) == 0)
            {
                v *= 1.5;
            }

            values[i] = round ? Math.Round(v) : v;
        }

        return values;
    }
}
