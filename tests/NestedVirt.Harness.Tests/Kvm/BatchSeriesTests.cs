using NestedVirt.Harness.Kvm;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class BatchSeriesTests
{
    [Fact]
    public void SummaryIsMedianMinAndMaxOfPerExitBatchValues()
    {
        var series = new BatchSeries("t", 9, [300, 100, 200, 1000], guestIterations: 9);
        var sample = series.Summarise(ns => ns / 10);
        Assert.Equal(25, sample.MedianNs); // (20 + 30) / 2
        Assert.Equal(10, sample.MinNs);
        Assert.Equal(100, sample.MaxNs);
        Assert.Equal(4, sample.Batches);
        Assert.Equal(9, sample.IterationsPerBatch);
        Assert.Equal(9, sample.GuestIterations);
    }

    [Fact]
    public void OddBatchCountTakesTheMiddleValue()
    {
        var sample = new BatchSeries("t", 1, [5, 1, 3], null).Summarise(ns => ns);
        Assert.Equal(3, sample.MedianNs);
        Assert.Null(sample.GuestIterations);
    }
}
