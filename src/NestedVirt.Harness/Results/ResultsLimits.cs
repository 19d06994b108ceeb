namespace NestedVirt.Harness.Results;

/// <summary>
/// The ranges a results file's numbers must lie in. They are far outside anything a real run
/// produces (the slowest headline case, a reflected hypercall, takes about 200 ns; a full run
/// stores 20 samples per case and an <c>ab</c> of 100 rounds 1,000), and inside what every
/// table and statistic handles; a file outside them is corrupt or hostile, and is refused on
/// load with the field named, instead of crashing a verb later.
/// </summary>
public static class ResultsLimits
{
    /// <summary>Largest time per operation accepted, ns (1000 s).</summary>
    public const double MaxNanoseconds = 1e12;

    /// <summary>Largest count per operation (counters, instructions, bytes allocated).</summary>
    public const double MaxCount = 1e12;

    /// <summary>Largest CPU count or load average.</summary>
    public const double MaxCpus = 1e6;

    /// <summary>Most samples per benchmark.</summary>
    public const int MaxSamples = 100_000;

    /// <summary>Most benchmarks per file.</summary>
    public const int MaxBenchmarks = 100_000;
}
