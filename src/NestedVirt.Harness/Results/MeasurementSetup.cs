namespace NestedVirt.Harness.Results;

/// <summary>
/// How a run was measured, as far as it decides whether two runs' timings may be compared: the
/// BenchmarkDotNet toolchain (in-process or out-of-process; a case in its own process sees
/// another JIT and GC state) and the job (iteration count and time shape every sample). Runs of
/// different setups differ for reasons no commit caused, so <c>compare</c>, <c>ab</c>,
/// <c>cover-letter</c> and <c>history</c> refuse to mix them unless told to.
/// </summary>
/// <param name="Toolchain"><c>in-process</c> or <c>out-of-process</c>.</param>
/// <param name="Job"><c>quick</c>, <c>full</c>, <c>dry</c>, <c>ab</c>, ...</param>
public readonly record struct MeasurementSetup(string Toolchain, string Job)
{
    /// <summary>
    /// The toolchain files written before it was recorded used: every run of those harness
    /// versions ran in process (BenchmarkDotNet 0.14's InProcessEmitToolchain).
    /// </summary>
    public const string LegacyToolchain = "in-process";

    /// <summary>The setup of <paramref name="run"/>; files without a toolchain field ran in process.</summary>
    public static MeasurementSetup Of(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(string.IsNullOrEmpty(run.Toolchain) ? LegacyToolchain : run.Toolchain,
            string.IsNullOrEmpty(run.Job) ? "unknown" : run.Job);
    }

    /// <summary>What differs from <paramref name="other"/>, in words (<c>toolchain in-process vs out-of-process</c>), or null when nothing does.</summary>
    public string? DifferenceFrom(MeasurementSetup other)
    {
        var parts = new List<string>(2);
        if (!string.Equals(Toolchain, other.Toolchain, StringComparison.Ordinal))
            parts.Add($"toolchain {Toolchain} vs {other.Toolchain}");
        if (!string.Equals(Job, other.Job, StringComparison.Ordinal))
            parts.Add($"job {Job} vs {other.Job}");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary><c>out-of-process/quick</c>.</summary>
    public override string ToString() => $"{Toolchain}/{Job}";
}
