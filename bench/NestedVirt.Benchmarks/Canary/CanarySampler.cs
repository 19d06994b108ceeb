using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NestedVirt.Benchmarks.Canary;

/// <summary>
/// Samples one canary case the way the harness's quick job does (<c>HarnessConfig</c>: 3 warm-up
/// and 10 measured iterations of ~120 ms, outliers kept), but with a plain stopwatch in this
/// process: a pilot doubles the operations per iteration until one iteration lasts the target
/// time, then every iteration's nanoseconds per operation is one sample. Lighter than a
/// BenchmarkDotNet run, so many A/A and A/B pairs fit in a few minutes.
/// </summary>
public sealed class CanarySampler
{
    /// <summary>Creates a sampler.</summary>
    /// <param name="iterationTime">Target length of one iteration (the quick job: 120 ms).</param>
    /// <param name="warmups">Warm-up iterations (quick: 3).</param>
    /// <param name="iterations">Measured iterations (quick: 10).</param>
    public CanarySampler(TimeSpan iterationTime, int warmups = 3, int iterations = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(iterationTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(warmups);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        IterationTime = iterationTime;
        Warmups = warmups;
        Iterations = iterations;
    }

    /// <summary>The last batch's checksum, kept so the JIT cannot drop the calls.</summary>
    public static ulong Sink { get; private set; }

    /// <summary>Target length of one iteration.</summary>
    public TimeSpan IterationTime { get; }

    /// <summary>Warm-up iterations.</summary>
    public int Warmups { get; }

    /// <summary>Measured iterations.</summary>
    public int Iterations { get; }

    /// <summary>Samples the case with <paramref name="slowdownPercent"/>.</summary>
    /// <param name="slowdownPercent">The injected slowdown.</param>
    /// <returns>Nanoseconds per operation, one value per measured iteration.</returns>
    public double[] Sample(int slowdownPercent)
    {
        var canary = new Canary { Slowdown = slowdownPercent };
        canary.Setup();
        long operations = 1;
        while (Measure(canary, operations) < IterationTime.Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond && operations < (1L << 40))
            operations *= 2;

        for (int i = 0; i < Warmups; i++)
            Measure(canary, operations);

        var samples = new double[Iterations];
        for (int i = 0; i < Iterations; i++)
            samples[i] = Measure(canary, operations) * 1e9 / Stopwatch.Frequency / operations;
        return samples;
    }

    /// <summary>Stopwatch ticks for <paramref name="operations"/> calls of <see cref="Canary.Work"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Measure(Canary canary, long operations)
    {
        ulong sink = 0;
        long start = Stopwatch.GetTimestamp();
        for (long i = 0; i < operations; i++)
            sink += canary.Work();
        long elapsed = Stopwatch.GetTimestamp() - start;
        Sink = sink;
        return elapsed;
    }
}
