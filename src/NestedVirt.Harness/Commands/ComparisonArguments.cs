using System.Globalization;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Commands;

/// <summary>The shared <c>--threshold</c>, <c>--noise-floor</c>, <c>--alpha</c> and <c>--cross-machine</c> options.</summary>
internal static class ComparisonArguments
{
    /// <summary>Options taking a value.</summary>
    public static readonly string[] ValueOptions = ["--threshold", "--noise-floor", "--alpha"];

    /// <summary>Flag options.</summary>
    public static readonly string[] FlagOptions = ["--cross-machine"];

    /// <summary>Help lines for these options.</summary>
    public const string Help =
        "  --threshold P     relative threshold, e.g. 5% (default 5%)\n"
        + "  --noise-floor T   absolute noise floor, e.g. 0.5ns, 2us (default 0.5ns)\n"
        + "  --alpha A         significance level (default 0.05; 4 samples per side\n"
        + "                    needed at 0.05, 5 at 0.01)\n"
        + "  --cross-machine   allow base and head from different machines\n";

    /// <summary>Builds comparison options from parsed arguments; bad values throw <see cref="ArgumentException"/>.</summary>
    public static ComparisonOptions Parse(CommandArguments args)
    {
        var options = new ComparisonOptions
        {
            ThresholdPercent = args.Value("--threshold") is { } t ? Percent(t) : ComparisonOptions.Default.ThresholdPercent,
            NoiseFloorNs = args.Value("--noise-floor") is { } f ? Nanoseconds(f) : ComparisonOptions.Default.NoiseFloorNs,
            Alpha = args.Value("--alpha") is { } a ? Alpha(a) : ComparisonOptions.Default.Alpha,
            AllowCrossMachine = args.Flag("--cross-machine"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            string option = e.ParamName switch
            {
                nameof(ComparisonOptions.ThresholdPercent) => "--threshold",
                nameof(ComparisonOptions.NoiseFloorNs) => "--noise-floor",
                nameof(ComparisonOptions.Alpha) => "--alpha",
                _ => "option",
            };
            throw new ArgumentException($"{option}: {FirstLine(e.Message)}", e);
        }

        return options;
    }

    private static double Percent(string text)
    {
        string number = text.EndsWith('%') ? text[..^1] : text;
        return Number(number, "--threshold", text);
    }

    private static double Nanoseconds(string text)
    {
        (string suffix, double scale)[] units = [("ns", 1), ("us", 1e3), ("ms", 1e6)];
        foreach ((string suffix, double scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Number(text[..^suffix.Length], "--noise-floor", text) * scale;
            }
        }

        return Number(text, "--noise-floor", text);
    }

    private static double Alpha(string text) => Number(text, "--alpha", text);

    private static double Number(string text, string option, string original)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{option}: '{original}' is not a number");
        }

        return value;
    }

    private static string FirstLine(string text)
    {
        int newline = text.IndexOfAny(['\r', '\n']);
        string line = newline < 0 ? text : text[..newline];

        // ArgumentOutOfRangeException appends " (Parameter 'x')"; the option name is enough.
        int parameter = line.IndexOf(" (Parameter", StringComparison.Ordinal);
        return parameter < 0 ? line : line[..parameter];
    }
}
