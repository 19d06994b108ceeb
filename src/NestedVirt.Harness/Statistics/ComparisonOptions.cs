namespace NestedVirt.Harness.Statistics;

/// <summary>Thresholds and policy of a base/head comparison.</summary>
public sealed record ComparisonOptions
{
    /// <summary>
    /// The default minimum effect, in percent. Chosen by measurement (README, "How the
    /// statistics work"): above the largest A/A ratio the canary and <c>ab HEAD HEAD</c> showed
    /// on the development machine, and below the 2% slowdown <c>ab</c> promises to catch.
    /// </summary>
    public const double DefaultMinEffectPercent = 1;

    /// <summary>The defaults: 1% minimum effect, 0.5 ns noise floor, 5% family-wise false-alarm rate, one look.</summary>
    public static ComparisonOptions Default { get; } = new();

    /// <summary>
    /// Minimum effect in percent: a benchmark is flagged only when its whole confidence
    /// interval lies more than this far from a ratio of 1.
    /// </summary>
    public double MinEffectPercent { get; init; } = DefaultMinEffectPercent;

    /// <summary>Absolute noise floor in nanoseconds: the interval must also lie this far from no change.</summary>
    public double NoiseFloorNs { get; init; } = 0.5;

    /// <summary>Family-wise false-alarm rate: the chance of any false verdict among all benchmarks compared (Holm).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>
    /// Looks at the data a sequential session (ab) may take; <see cref="Alpha"/> is split evenly
    /// between them (Bonferroni), so stopping at the first decisive look keeps the family-wise
    /// rate. 1 for a single comparison.
    /// </summary>
    public int Looks { get; init; } = 1;

    /// <summary>Compare results of two different machines (every output is then labelled cross-machine).</summary>
    public bool AllowCrossMachine { get; init; }

    /// <summary>Compare smoke runs (dry job) too; their numbers mean nothing, so this is off by default.</summary>
    public bool IncludeSmoke { get; init; }

    /// <summary>The false-alarm rate of one look: <see cref="Alpha"/> / <see cref="Looks"/>.</summary>
    public double AlphaPerLook => Alpha / Looks;

    /// <summary>Two-sided confidence of the printed intervals: 1 - <see cref="AlphaPerLook"/>.</summary>
    public double IntervalConfidence => 1 - AlphaPerLook;

    /// <summary>Minimum samples per side for a single benchmark to be flaggable at all (see <see cref="SampleSizeRule"/>).</summary>
    public int MinimumSamplesPerSide => SampleSizeRule.MinimumPerSide(AlphaPerLook / 2);

    /// <summary>Compare runs measured with different toolchains or jobs (<see cref="Results.MeasurementSetup"/>).</summary>
    public bool AllowMixedSetup { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!(MinEffectPercent >= 0 && MinEffectPercent < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(MinEffectPercent), MinEffectPercent, "minimum effect must be in [0%, 100%)");
        }

        if (!(NoiseFloorNs >= 0 && double.IsFinite(NoiseFloorNs)))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseFloorNs), NoiseFloorNs, "noise floor must be a finite number of ns >= 0");
        }

        if (!(Alpha > 0 && Alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be in (0, 0.5)");
        }

        if (Looks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Looks), Looks, "looks must be at least 1");
        }
    }
}
