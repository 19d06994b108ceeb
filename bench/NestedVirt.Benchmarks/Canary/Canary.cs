using BenchmarkDotNet.Attributes;

namespace NestedVirt.Benchmarks.Canary;

/// <summary>
/// A harness-only benchmark that proves the regression detector: a fixed amount of serial work
/// (a chain of 64-bit multiply-adds, each step waiting for the previous one, so time is
/// proportional to the steps and nothing can overlap or vectorise) plus an injected slowdown
/// that adds <see cref="Slowdown"/> percent more of the same steps. Not in
/// <c>SuiteCatalog</c>: it measures the measuring, not the model. Run it through
/// <c>nvbench canary</c>, or with a filter naming it.
/// </summary>
[BenchmarkCategory("Canary")]
public class Canary
{
    /// <summary>Steps of the unslowed operation (~4 cycles each: a few microseconds per operation, far above the 0.5 ns noise floor).</summary>
    public const int BaseSteps = 4000;

    private const ulong Seed = 0x2026_0000_C0FF_EEUL;

    /// <summary>Injected slowdown in percent: 0 (A) or 5 (A + 5%).</summary>
    [Params(0, 5)]
    public int Slowdown { get; set; }

    /// <summary>Steps per operation at the current <see cref="Slowdown"/> (set by <see cref="Setup"/>).</summary>
    public int Steps { get; private set; } = BaseSteps;

    /// <summary>Steps for a slowdown: <see cref="BaseSteps"/> × (100 + percent) / 100, exact for whole percents since BaseSteps is a multiple of 100.</summary>
    /// <param name="slowdownPercent">0 to 100.</param>
    public static int StepsFor(int slowdownPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slowdownPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slowdownPercent, 100);
        return BaseSteps * (100 + slowdownPercent) / 100;
    }

    /// <summary>Fixes the step count.</summary>
    [GlobalSetup]
    public void Setup() => Steps = StepsFor(Slowdown);

    /// <summary>One operation: <see cref="Steps"/> dependent steps.</summary>
    [Benchmark]
    public ulong Work() => Spin(Seed, Steps);

    /// <summary>The work itself: <paramref name="steps"/> steps of Knuth's MMIX LCG, each depending on the last.</summary>
    /// <param name="x">Start value.</param>
    /// <param name="steps">Steps to run.</param>
    /// <returns>The last value, so the JIT cannot drop the chain.</returns>
    public static ulong Spin(ulong x, int steps)
    {
        for (int i = 0; i < steps; i++)
            x = (x * 6364136223846793005UL) + 1442695040888963407UL;
        return x;
    }
}
