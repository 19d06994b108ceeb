namespace NestedVirt.Harness.Statistics;

/// <summary>Thresholds and policy of a base/head comparison.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The defaults: 5% threshold, 0.5 ns noise floor, alpha 0.05, same machine only.</summary>
    public static ComparisonOptions Default { get; } = new();

    /// <summary>Relative threshold in percent: smaller shifts count as "same".</summary>
    public double ThresholdPercent { get; init; } = 5;

    /// <summary>Absolute noise floor in nanoseconds: smaller shifts count as "same".</summary>
    public double NoiseFloorNs { get; init; } = 0.5;

    /// <summary>Significance level of each one-sided test of the equivalence test.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Compare results of two different machines (every output is then labelled cross-machine).</summary>
    public bool AllowCrossMachine { get; init; }

    /// <summary>Compare runs measured with different toolchains or jobs (<see cref="Results.MeasurementSetup"/>).</summary>
    public bool AllowMixedSetup { get; init; }

    /// <summary>Minimum samples per side for a verdict, derived from <see cref="Alpha"/>.</summary>
    public int MinimumSamplesPerSide => SampleSizeRule.MinimumPerSide(Alpha);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!(ThresholdPercent >= 0 && ThresholdPercent < 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(ThresholdPercent), ThresholdPercent, "threshold must be in [0%, 1000%)");
        }

        if (!(NoiseFloorNs >= 0 && double.IsFinite(NoiseFloorNs)))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseFloorNs), NoiseFloorNs, "noise floor must be a finite number of ns >= 0");
        }

        if (!(Alpha > 0 && Alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be in (0, 0.5)");
        }
    }
}
