using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class BaselineRatioTests
{
    private static readonly Dictionary<string, double> Medians = new() { ["C"] = 8, ["CSharp"] = 20 };

    [Fact]
    public void TheRatioIsTheMedianOverTheBaselinesMedian()
    {
        Assert.Equal(2.5, BaselineRatio.Of(20, "C", Medians));
    }

    [Fact]
    public void WithoutAUsableBaselineThereIsNoRatio()
    {
        Assert.Null(BaselineRatio.Of(20, null, Medians));
        Assert.Null(BaselineRatio.Of(20, "missing", Medians));
        Assert.Null(BaselineRatio.Of(20, "zero", new Dictionary<string, double> { ["zero"] = 0 }));
    }

    [Fact]
    public void PoolingRecomputesTheRatioFromThePooledMedians()
    {
        static ResultsEnvelope Run(double csharp, double c) => new()
        {
            Benchmarks =
            [
                new BenchmarkResult { Id = "CSharp", SamplesNs = [csharp], MedianNs = csharp, BaselineId = "C", RatioToBaseline = csharp / c },
                new BenchmarkResult { Id = "C", SamplesNs = [c], MedianNs = c },
            ],
        };

        ResultsEnvelope pooled = EnvelopePool.Pool([Run(20, 8), Run(22, 8), Run(30, 12)]);

        BenchmarkResult managed = pooled.Benchmarks.Single(b => b.Id == "CSharp");
        Assert.Equal("C", managed.BaselineId);
        Assert.Equal(22.0 / 8.0, managed.RatioToBaseline!.Value, 9);
        Assert.Null(pooled.Benchmarks.Single(b => b.Id == "C").RatioToBaseline);
    }
}
