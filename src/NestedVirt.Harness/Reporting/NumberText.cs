using System.Globalization;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// Number formatting for every report, always in the invariant culture: a comma decimal
/// separator would break SVG coordinates, JSON and greppable text alike.
/// </summary>
public static class NumberText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Nanoseconds as kernel cover letters quote them: one decimal below 100, an integer from
    /// 100 up (precision to match the noise); <c>-</c> when undefined.
    /// </summary>
    /// <param name="ns">Nanoseconds.</param>
    public static string Nanoseconds(double ns)
    {
        if (!double.IsFinite(ns))
        {
            return "-";
        }

        double oneDecimal = Math.Round(ns, 1, MidpointRounding.AwayFromZero);
        return Math.Abs(oneDecimal) < 100
            ? oneDecimal.ToString("0.0", Invariant)
            : Math.Round(ns, MidpointRounding.AwayFromZero).ToString("0", Invariant);
    }

    /// <summary>A head/base ratio as a signed percentage change, e.g. <c>+12.3%</c>; <c>-</c> when undefined.</summary>
    /// <param name="ratio">Head / base.</param>
    public static string Delta(double ratio) =>
        double.IsFinite(ratio) ? ((ratio - 1) * 100).ToString("+0.0;-0.0;0.0", Invariant) + "%" : "-";

    /// <summary>A ratio with two decimals and an <c>x</c>, e.g. <c>7.80x</c>; <c>-</c> when undefined.</summary>
    /// <param name="ratio">The ratio.</param>
    public static string Ratio(double ratio) =>
        double.IsFinite(ratio) ? ratio.ToString("0.00", Invariant) + "x" : "-";

    /// <summary>A ratio with three decimals and no unit, e.g. <c>1.021</c>; <c>-</c> when undefined.</summary>
    /// <param name="ratio">The ratio.</param>
    public static string Factor(double ratio) =>
        !double.IsFinite(ratio) ? "-"
        // Three decimals up to 999; beyond that (a hostile or broken run) a short exponent keeps
        // the 72-column tables intact instead of a 13-digit factor.
        : Math.Abs(ratio) < 1000 ? ratio.ToString("0.000", Invariant)
        : ratio.ToString("0.00e0", Invariant);

    /// <summary>A rounded integer, as kvm-unit-tests prints cycles; <c>-</c> when undefined.</summary>
    /// <param name="value">The value.</param>
    public static string Integer(double value) =>
        double.IsFinite(value) ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", Invariant) : "-";

    /// <summary>A plain number with up to <paramref name="decimals"/> decimals and no trailing zeros (options, counters, SVG).</summary>
    /// <param name="value">The value.</param>
    /// <param name="decimals">Maximum number of decimals (0 to 6).</param>
    public static string Plain(double value, int decimals = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        return decimals == 0
            ? value.ToString("0", Invariant)
            : value.ToString("0." + new string('#', decimals), Invariant);
    }
}
