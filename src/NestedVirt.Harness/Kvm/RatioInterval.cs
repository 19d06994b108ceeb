namespace NestedVirt.Harness.Kvm;

/// <summary>
/// A distribution-free confidence interval for the median of the per-round nvbench/probe
/// ratios: the order statistics x(k) and x(n+1-k), which hold the median with probability
/// 1 - 2 P(Binomial(n, 1/2) &lt; k) whatever the ratios' distribution (the sign-test interval;
/// e.g. Hollander and Wolfe, Nonparametric Statistical Methods, ch. 3). Load moves single rounds
/// far in either direction, so an interval that assumes nothing about their shape is the honest
/// one. k is the largest whose coverage is at least <see cref="TargetCoverage"/>; with fewer than
/// six rounds no k reaches it and the interval is min-max with its lower coverage.
/// </summary>
public readonly record struct RatioInterval(double Low, double High, double Coverage)
{
    /// <summary>The coverage asked for.</summary>
    public const double TargetCoverage = 0.95;

    /// <summary>How far from 1 a ratio may be and still agree with the probe (10 %).</summary>
    public const double Tolerance = 0.10;

    /// <summary>The interval over <paramref name="ratios"/>, or null when there are none.</summary>
    public static RatioInterval? Of(IReadOnlyList<double> ratios)
    {
        int n = ratios.Count;
        if (n == 0)
            return null;
        double[] sorted = [.. ratios];
        Array.Sort(sorted);
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && CoverageOf(n, k + 1) >= TargetCoverage)
            k++;
        return new RatioInterval(sorted[k - 1], sorted[n - k], CoverageOf(n, k));
    }

    /// <summary>1 - 2 P(Binomial(n, 1/2) &lt;= k - 1): the chance [x(k), x(n+1-k)] holds the median.</summary>
    public static double CoverageOf(int n, int k)
    {
        double tail = 0, term = Math.Pow(0.5, n);
        for (int i = 0; i < k; i++)
        {
            tail += term;
            term = term * (n - i) / (i + 1);
        }

        return Math.Max(0, 1 - 2 * tail);
    }

    /// <summary>
    /// "yes" when the whole interval lies within 1 ± <see cref="Tolerance"/>, "no" when it lies
    /// wholly outside, "undecided" when it straddles a bound or its coverage is below the target.
    /// </summary>
    public string Agreement
    {
        get
        {
            if (Coverage < TargetCoverage)
                return "undecided";
            if (Low >= 1 - Tolerance && High <= 1 + Tolerance)
                return "yes";
            return High < 1 - Tolerance || Low > 1 + Tolerance ? "no" : "undecided";
        }
    }
}
