namespace NestedVirt.Harness.Statistics;

/// <summary>
/// The smallest per-side sample size for which a one-sided rank test (and so the bound of the
/// Hodges-Lehmann interval) can reach a level.
/// </summary>
/// <remarks>
/// With n values on each side, the smallest exact one-sided Mann-Whitney p-value is
/// 1 / C(2n, n) (every candidate value above every baseline value). Below the minimum no
/// outcome can pass the level, so a verdict would be a guess: "too few". 4 per side at 0.025
/// (1/70 = 0.014; 1/20 = 0.05 is not below), 5 at 0.005 (1/252), which is what
/// model 05 §2.2 records as measured for the equivalence test at alpha 0.05 and 0.01.
/// </remarks>
public static class SampleSizeRule
{
    /// <summary>Returns the minimum number of samples per side for one-sided level <paramref name="alpha"/>.</summary>
    /// <param name="alpha">Significance level, in (0, 0.5).</param>
    public static int MinimumPerSide(double alpha)
    {
        if (!(alpha > 0 && alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 0.5)");
        }

        // C(2n, n) grows as 4^n, so the loop ends after a few dozen steps even for tiny alpha.
        double central = 2; // C(2, 2 / 2)
        int n = 1;
        while (1.0 / central > alpha)
        {
            central = central * (2 * n + 1) * (2 * n + 2) / ((n + 1) * (double)(n + 1));
            n++;
        }

        return n;
    }
}
