using System.Globalization;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// The one parser for percentages and times on every verb's command line. A percentage is
/// <c>5%</c> or a bare <c>5</c> (both mean five percent); a time is a number with a unit
/// (<c>0.5ns</c>, <c>2us</c>, <c>2µs</c>, <c>120ms</c>, <c>1s</c>) or a bare number in the
/// option's own unit. Numbers are invariant (<c>0.5</c>, never <c>0,5</c>), finite, and may
/// have a space before the unit.
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, double Nanoseconds)[] TimeUnits =
    [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9),
    ];

    /// <summary>Parses a percentage: <c>5%</c> or <c>5</c>.</summary>
    /// <param name="text">As typed.</param>
    /// <param name="percent">The number of percent (5 for <c>5%</c>).</param>
    /// <returns>False when it is not a finite number with an optional <c>%</c>.</returns>
    public static bool TryParsePercent(string text, out double percent)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.EndsWith('%'))
        {
            trimmed = trimmed[..^1].TrimEnd();
        }

        return TryParseNumber(trimmed, out percent);
    }

    /// <summary>Parses a time into nanoseconds.</summary>
    /// <param name="text">As typed: <c>0.5ns</c>, <c>2us</c>, <c>1s</c>, or a bare number.</param>
    /// <param name="bareUnitNanoseconds">What a bare number counts: 1 for nanoseconds, 1e6 for milliseconds.</param>
    /// <param name="nanoseconds">The time in nanoseconds.</param>
    /// <returns>False when it is not a finite number with an optional known unit.</returns>
    public static bool TryParseTime(string text, double bareUnitNanoseconds, out double nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        foreach ((string suffix, double scale) in TimeUnits)
        {
            // "ms" and "us" end in "s" too: the two-letter units come first in the table.
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal)
                && TryParseNumber(trimmed[..^suffix.Length].TrimEnd(), out double value))
            {
                nanoseconds = value * scale;
                return double.IsFinite(nanoseconds);
            }
        }

        if (TryParseNumber(trimmed, out double bare))
        {
            nanoseconds = bare * bareUnitNanoseconds;
            return double.IsFinite(nanoseconds);
        }

        nanoseconds = 0;
        return false;
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)
        && text.Length > 0 && !char.IsWhiteSpace(text[0]);
}
