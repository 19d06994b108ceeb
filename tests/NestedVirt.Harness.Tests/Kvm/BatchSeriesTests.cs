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

    [Fact]
    public void PairedSeriesSubtractsBatchByBatchNotMedianFromMedian()
    {
        var subject = new BatchSeries("cpuid", 10, [1100, 2300, 900], guestIterations: 10);
        var baseline = new BatchSeries("guest_loop", 10, [1000, 2000, 400], guestIterations: 10);
        var sample = subject.Minus(baseline).Summarise(ns => ns / 10);
        Assert.Equal("cpuid", sample.Name);
        Assert.Equal(30, sample.MedianNs); // differences 100, 300, 500 -> per iteration 10, 30, 50
        Assert.Equal(10, sample.MinNs);
        Assert.Equal(50, sample.MaxNs);
    }

    [Fact]
    public void PairingSeriesOfDifferentSizesIsRejected()
    {
        var subject = new BatchSeries("a", 10, [1, 2], null);
        Assert.Throws<ArgumentException>(() => subject.Minus(new BatchSeries("b", 20, [1, 2], null)));
        Assert.Throws<ArgumentException>(() => subject.Minus(new BatchSeries("b", 10, [1], null)));
    }
}
