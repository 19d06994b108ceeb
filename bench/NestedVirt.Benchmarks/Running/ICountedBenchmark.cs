using NestedVirt.Counters;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// A benchmark whose operation the core model can count exactly. After <c>[GlobalSetup]</c> the
/// harness runs the same operations once more outside the timer and stores the counts per
/// operation beside the timings (and multiplies them by the cost table).
/// </summary>
public interface ICountedBenchmark
{
    /// <summary>Runs the benchmark's operations once, adding their events into <paramref name="counters"/>.</summary>
    /// <returns>How many operations ran (the divisor for per-operation counts).</returns>
    int CountOperations(ref PathCounters counters);
}
