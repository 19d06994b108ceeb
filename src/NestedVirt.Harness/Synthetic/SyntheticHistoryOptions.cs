namespace NestedVirt.Harness.Synthetic;

/// <summary>Shape of a synthetic history.</summary>
public sealed record SyntheticHistoryOptions
{
    /// <summary>Seed of every random number; the same seed gives byte-identical files.</summary>
    public int Seed { get; init; } = 14;

    /// <summary>Machines, alternately VMX and SVM hosts.</summary>
    public int Machines { get; init; } = 4;

    /// <summary>Commits in a line; every machine runs every commit once.</summary>
    public int Commits { get; init; } = 2500;

    /// <summary>Time of the first commit and its runs; each commit is an hour later.</summary>
    public DateTimeOffset Start { get; init; } = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);
}
