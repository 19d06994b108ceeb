using NestedVirt.Harness.Statistics;
namespace NestedVirt.Harness.Kvm;

/// <summary>Raw timings of one micro-test: nanoseconds per timed batch, before any per-exit arithmetic.</summary>
internal sealed class BatchSeries
{
    public BatchSeries(string name, long iterations, double[] batchNs, long? guestIterations)
    {
        Name = name;
        Iterations = iterations;
        BatchNs = batchNs;
        GuestIterations = guestIterations;
    }

    public string Name { get; }

    /// <summary>Loop iterations per batch.</summary>
    public long Iterations { get; }

    /// <summary>Wall-clock nanoseconds of each timed batch.</summary>
    public double[] BatchNs { get; }

    /// <summary>The guest's ESI after the last batch, or null when no guest ran.</summary>
    public long? GuestIterations { get; }

    /// <summary>
    /// Batch-by-batch differences from <paramref name="baseline"/>, measured in alternation with
    /// this series at the same iteration count, under this series' name.
    /// </summary>
    public BatchSeries Minus(BatchSeries baseline)
    {
        if (baseline.Iterations != Iterations || baseline.BatchNs.Length != BatchNs.Length)
            throw new ArgumentException("a paired baseline has the same batches and iteration count", nameof(baseline));
        var differences = new double[BatchNs.Length];
        for (int i = 0; i < differences.Length; i++)
            differences[i] = BatchNs[i] - baseline.BatchNs[i];
        return new BatchSeries(Name, Iterations, differences, GuestIterations);
    }

    /// <summary>Turns every batch into a per-exit value with <paramref name="perExit"/> and summarises them.</summary>
    public ExitCostSample Summarise(Func<double, double> perExit)
    {
        var values = new double[BatchNs.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = perExit(BatchNs[i]);
        Array.Sort(values);
        return new ExitCostSample
        {
            Name = Name,
            MedianNs = SampleMedian.Of(values),
            MinNs = values[0],
            MaxNs = values[^1],
            Batches = values.Length,
            IterationsPerBatch = Iterations,
            GuestIterations = GuestIterations,
        };
    }
}
