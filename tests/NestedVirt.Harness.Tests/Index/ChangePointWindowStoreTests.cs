using NestedVirt.Harness.Index;
using NestedVirt.Harness.Statistics;
using NestedVirt.Harness.Tests.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Index;

public sealed class ChangePointWindowStoreTests : IDisposable
{
    private const string Machine = "m1";
    private readonly ScratchFolder scratch = new();
    private readonly ChangePointAnalyzer analyzer = new(ChangePointOptions.Default);

    public void Dispose() => scratch.Dispose();

    // 1,000 commits (four EdPelt windows) with shifts at 150, 400 and 820, noise that varies by
    // benchmark so the windows of different benchmarks differ.
    private static List<SeriesPoint> Series(int benchmark, int length = 1000)
    {
        var points = new List<SeriesPoint>(length);
        for (int i = 0; i < length; i++)
        {
            double level = i < 150 ? 100 : i < 400 ? 120 : i < 820 ? 90 : 105;
            points.Add(new SeriesPoint($"c{i}", Samples(level * (1 + ((((i * (7 + benchmark)) % 11) - 5) * 0.002)), 10, phase: i + benchmark)));
        }

        return points;
    }

    private (IReadOnlyList<ChangePoint> Found, int Hits, int Misses) Cached(List<SeriesPoint> series, string benchmark = "A")
    {
        using ResultsIndex index = ResultsIndex.Open(scratch.Path);
        ChangePointWindowStore store = index.ChangePointWindows(Machine);
        IReadOnlyList<ChangePoint> found = analyzer.Analyze(series, store.For(benchmark));
        (int hits, int misses) = (store.Hits, store.Misses);
        store.Save();
        return (found, hits, misses);
    }

    [Fact]
    public void CachedAndUncachedAnalysesAgree()
    {
        for (int b = 0; b < 3; b++)
        {
            List<SeriesPoint> series = Series(b);
            IReadOnlyList<ChangePoint> uncached = analyzer.Analyze(series);

            var cold = Cached(series, $"B{b}");
            var warm = Cached(series, $"B{b}");

            Assert.Equal([149, 399, 819], uncached.Select(c => c.Index));
            Assert.Equal(uncached, cold.Found);
            Assert.Equal(uncached, warm.Found);
            Assert.Equal((0, 4), (cold.Hits, cold.Misses));
            Assert.Equal((4, 0), (warm.Hits, warm.Misses));
        }
    }

    [Fact]
    public void ANewCommitReanalysesOnlyTheLastWindow()
    {
        Cached(Series(0, 999));

        var grown = Cached(Series(0, 1000));

        Assert.Equal((3, 1), (grown.Hits, grown.Misses));
        Assert.Equal(analyzer.Analyze(Series(0, 1000)), grown.Found);
    }

    [Fact]
    public void AStoredAnswerIsUsedOnlyForTheExactWindowItWasFoundIn()
    {
        List<SeriesPoint> series = Series(0);
        Cached(series);

        // Windows start at 0, 240, 480 and 720; the shift after 819 is judged by the last one.
        // Store a wrong answer for it: no shift.
        using (ResultsIndex index = ResultsIndex.Open(scratch.Path))
        {
            ChangePointWindowStore store = index.ChangePointWindows(Machine);
            double[] medians = series.Select(p => p.MedianNs).ToArray();
            store.For("A").Add(720, medians.AsSpan(720), ChangePointOptions.Default.MinDistance, []);
            store.Save();
        }

        // Same values: the stored (wrong) answer is used, so the cache is really consulted.
        Assert.Equal([149, 399], Cached(series).Found.Select(c => c.Index));

        // One sample of one commit in that window changed: detected by the hash, analysed again.
        series[900] = series[900] with { SamplesNs = [.. series[900].SamplesNs.Select(s => s * 1.001)] };
        var changed = Cached(series);
        Assert.Equal((3, 1), (changed.Hits, changed.Misses));
        Assert.Equal(analyzer.Analyze(series), changed.Found);
        Assert.Equal([149, 399, 819], changed.Found.Select(c => c.Index));
    }

    [Fact]
    public void ADamagedAnswerIsNotUsed()
    {
        List<SeriesPoint> series = Series(0);
        using (ResultsIndex index = ResultsIndex.Open(scratch.Path))
        {
            ChangePointWindowStore store = index.ChangePointWindows(Machine);
            store.For("A").Add(720, series.Select(p => p.MedianNs).ToArray().AsSpan(720), ChangePointOptions.Default.MinDistance, [100, 5000]);
            store.Save();
        }

        var found = Cached(series);

        Assert.Equal((0, 4), (found.Hits, found.Misses));
        Assert.Equal(analyzer.Analyze(series), found.Found);
    }

    [Fact]
    public void AnotherMinimumDistanceOrBenchmarkIsNotAnswered()
    {
        List<SeriesPoint> series = Series(0);
        Cached(series);

        var other = Cached(series, "other");
        Assert.Equal((0, 4), (other.Hits, other.Misses));
        using ResultsIndex index = ResultsIndex.Open(scratch.Path);
        ChangePointWindowStore store = index.ChangePointWindows(Machine);
        new ChangePointAnalyzer(ChangePointOptions.Default with { MinDistance = 4 }).Analyze(series, store.For("A"));
        Assert.Equal((0, 4), (store.Hits, store.Misses));
    }

    [Fact]
    public void WithoutReuseEveryWindowIsAnalysedAgainAndStored()
    {
        List<SeriesPoint> series = Series(0);
        Cached(series);
        using (ResultsIndex index = ResultsIndex.Open(scratch.Path))
        {
            ChangePointWindowStore store = index.ChangePointWindows(Machine);
            store.For("A").Add(720, series.Select(p => p.MedianNs).ToArray().AsSpan(720), ChangePointOptions.Default.MinDistance, []);
            store.Save();
        }

        using (ResultsIndex index = ResultsIndex.Open(scratch.Path))
        {
            ChangePointWindowStore fresh = index.ChangePointWindows(Machine, reuse: false);
            Assert.Equal(analyzer.Analyze(series), analyzer.Analyze(series, fresh.For("A")));
            Assert.Equal((0, 4), (fresh.Hits, fresh.Misses));
            fresh.Save();
        }

        // The wrong answer stored above was replaced by what the fresh analysis found.
        var after = Cached(series);
        Assert.Equal((4, 0), (after.Hits, after.Misses));
        Assert.Equal([149, 399, 819], after.Found.Select(c => c.Index));
    }

    [Fact]
    public void RebuildingTheIndexEmptiesTheStore()
    {
        Cached(Series(0));

        using (ResultsIndex.Open(scratch.Path, rebuild: true))
        {
        }

        var after = Cached(Series(0));
        Assert.Equal((0, 4), (after.Hits, after.Misses));
    }
}
