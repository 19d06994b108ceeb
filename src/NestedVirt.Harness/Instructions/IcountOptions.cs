namespace NestedVirt.Harness.Instructions;

/// <summary>What <see cref="IcountRunner"/> counts and how.</summary>
public sealed record IcountOptions
{
    /// <summary>
    /// The default N. The run-to-run spread of a driver's whole-program count on this machine
    /// was 2 K to 50 K Ir out of ~290 M (up to 50 K with four runs in parallel on a loaded
    /// machine); at N = 50,000 that is at most 1 instruction per operation, 0.2% of a 1-D walk
    /// (~550), well inside the gate's 1%. A callgrind run of a 2-D walk takes ~15 s at this N.
    /// </summary>
    public const int DefaultIterations = 50_000;

    /// <summary>Parallel callgrind runs by default: the cores, at most 4 (counts do not depend on it).</summary>
    public static int DefaultJobs => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Hot-path ids to count, in report order.</summary>
    public required IReadOnlyList<string> HotPathIds { get; init; }

    /// <summary>N, the iterations of the counted run.</summary>
    public long Iterations { get; init; } = DefaultIterations;

    /// <summary>How many times to count everything (2 or more shows the run-to-run spread).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Callgrind runs at the same time (instruction counts do not depend on it).</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>
    /// Operations one driver iteration performs (a benchmark case's <c>OperationsPerInvoke</c>,
    /// 1 for the hot paths). An id doing k operations per iteration is driven N / k times, so
    /// every id counts about N operations; null means 1 for every id.
    /// </summary>
    public Func<string, int>? OperationsPerIteration { get; init; }

    /// <summary>
    /// The C reference walkers' ids (a C# hot path's id plus <see cref="IcountReport.NativeSuffix"/>),
    /// driven like the hot paths and reported beside them with the C#/C ratio.
    /// </summary>
    public IReadOnlyList<string> NativeIds { get; init; } = [];

    /// <summary>Why the C walkers cannot run (one line), or null when they can.</summary>
    public string? NativeSkipped { get; init; }

    /// <summary>
    /// Counts every hot path in one callgrind process, between marks (<c>drive --marked</c>):
    /// per case, the window of 2 x calls minus the window of calls. One runtime start instead of
    /// two per case, so every headline case can be counted in CI time; <see cref="Jobs"/> does not apply.
    /// </summary>
    public bool OneProcess { get; init; }
}
