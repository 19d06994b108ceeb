namespace NestedVirt.Harness.Statistics;

/// <summary>Settings of change-point detection over a per-commit series.</summary>
public sealed record ChangePointOptions
{
    /// <summary>The defaults: minimum distance 3, window 5, default comparison thresholds.</summary>
    public static ChangePointOptions Default { get; } = new();

    /// <summary>
    /// Minimum segment length passed to EdPelt. Always explicit: Perfolizer's default of 20 hides
    /// every shift closer than 20 commits to either end of the series (model 05 §2.3).
    /// </summary>
    public int MinDistance { get; init; } = 3;

    /// <summary>How many commits on each side of a candidate are pooled to confirm it.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Thresholds of the confirming two-sample test.</summary>
    public ComparisonOptions Comparison { get; init; } = ComparisonOptions.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (MinDistance < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinDistance), MinDistance, "minimum distance must be at least 1");
        }

        if (Window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "window must be at least 1");
        }

        ArgumentNullException.ThrowIfNull(Comparison);
        Comparison.Validate();
    }
}
