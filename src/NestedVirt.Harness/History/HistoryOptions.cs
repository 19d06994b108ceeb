using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.History;

/// <summary>What a history analysis looks at.</summary>
public sealed record HistoryOptions
{
    /// <summary>Only runs of this machine are used (timings of different machines never share a series).</summary>
    public required string MachineId { get; init; }

    /// <summary>Only this suite, or every suite when null.</summary>
    public string? Suite { get; init; }

    /// <summary>Change-point detection and confirmation settings.</summary>
    public ChangePointOptions ChangePoints { get; init; } = ChangePointOptions.Default;

    /// <summary>
    /// EdPelt's answers from earlier analyses of each benchmark's series (by benchmark id), or
    /// null to analyse every window; either way the shifts found are the same.
    /// </summary>
    public Func<string, IEdPeltWindowCache>? WindowCache { get; init; }
}
