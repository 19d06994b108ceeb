using System.Globalization;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// A verb's parsed arguments. Getters convert values invariantly and throw a
/// <see cref="UsageException"/> naming the option and the bad value; asking for an option the
/// verb never declared is a bug and throws <see cref="ArgumentException"/>.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> values;
    private readonly HashSet<string> declared;

    internal ParsedArguments(Dictionary<string, List<string>> values, List<string> positionals, HashSet<string> declared, List<string>? passThrough = null)
    {
        this.values = values;
        this.declared = declared;
        Positionals = positionals;
        PassThrough = passThrough ?? [];
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>
    /// Options another parser owns (declared with <see cref="OptionSet.PassThrough"/>) with their
    /// values, in the order given, each option spelled <c>--name</c> as that parser declares it.
    /// </summary>
    public IReadOnlyList<string> PassThrough { get; }

    /// <summary>Whether a flag or option was given at least once.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <returns>True when present on the command line.</returns>
    public bool Has(string name) => Lookup(name) is not null;

    /// <summary>Every value given to a repeatable option, in order.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <returns>The values; empty when the option was not given.</returns>
    public IReadOnlyList<string> GetAll(string name) => (IReadOnlyList<string>?)Lookup(name) ?? [];

    /// <summary>The last value of an option, or null when not given.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <returns>The value as typed.</returns>
    public string? GetString(string name)
    {
        List<string>? list = Lookup(name);
        return list is { Count: > 0 } ? list[^1] : null;
    }

    /// <summary>The last value of an option, or a default when not given.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <param name="defaultValue">Returned when the option is absent.</param>
    /// <returns>The value as typed, or the default.</returns>
    public string GetString(string name, string defaultValue) => GetString(name) ?? defaultValue;

    /// <summary>An integer option, checked against a range.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <param name="defaultValue">Returned when the option is absent.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="UsageException">Not an integer, or out of range.</exception>
    public int GetInt32(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        string? text = GetString(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new UsageException($"option --{name}: '{text}' is not an integer");
        }

        CheckRange(name, value, min, max);
        return value;
    }

    /// <summary>A finite decimal option (invariant culture: <c>0.5</c>, never <c>0,5</c>), checked against a range.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <param name="defaultValue">Returned when the option is absent.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="UsageException">Not a finite number, or out of range.</exception>
    public double GetDouble(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        string? text = GetString(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new UsageException($"option --{name}: '{text}' is not a number");
        }

        CheckRange(name, value, min, max);
        return value;
    }

    /// <summary>A percentage option (<c>5%</c> or <c>5</c>, see <see cref="Quantity"/>), checked against a range.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <param name="defaultPercent">Returned when the option is absent.</param>
    /// <param name="min">Smallest accepted percentage.</param>
    /// <param name="max">Largest accepted percentage.</param>
    /// <returns>The number of percent.</returns>
    /// <exception cref="UsageException">Not a percentage, or out of range.</exception>
    public double GetPercent(string name, double defaultPercent, double min = double.MinValue, double max = double.MaxValue)
    {
        string? text = GetString(name);
        if (text is null)
        {
            return defaultPercent;
        }

        if (!Quantity.TryParsePercent(text, out double percent))
        {
            throw new UsageException($"option --{name}: '{text}' is not a percentage, e.g. 5% or 5");
        }

        if (percent < min)
        {
            throw new UsageException($"option --{name}: {text} is below the minimum {Invariant(min)}%");
        }

        if (percent > max)
        {
            throw new UsageException($"option --{name}: {text} is above the maximum {Invariant(max)}%");
        }

        return percent;
    }

    /// <summary>A time option (<c>0.5ns</c>, <c>2us</c>, <c>120ms</c>, <c>1s</c>, or a bare number in <paramref name="bareUnit"/>), checked against a range.</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <param name="defaultNanoseconds">Returned when the option is absent.</param>
    /// <param name="bareUnit">The unit of a bare number: <c>ns</c>, <c>us</c>, <c>ms</c> or <c>s</c>.</param>
    /// <param name="minNanoseconds">Shortest accepted time.</param>
    /// <param name="maxNanoseconds">Longest accepted time.</param>
    /// <returns>The time in nanoseconds.</returns>
    /// <exception cref="UsageException">Not a time, or out of range.</exception>
    public double GetTime(string name, double defaultNanoseconds, string bareUnit = "ns", double minNanoseconds = 0, double maxNanoseconds = double.MaxValue)
    {
        string? text = GetString(name);
        if (text is null)
        {
            return defaultNanoseconds;
        }

        if (!Quantity.TryParseTime("1" + bareUnit, 1, out double unit) || !Quantity.TryParseTime(text, unit, out double ns))
        {
            throw new UsageException($"option --{name}: '{text}' is not a time, e.g. 0.5ns, 2us, 120ms or 1s");
        }

        if (ns < minNanoseconds)
        {
            throw new UsageException($"option --{name}: {text} is below the minimum {Invariant(minNanoseconds / unit)}{bareUnit}");
        }

        if (ns > maxNanoseconds)
        {
            throw new UsageException($"option --{name}: {text} is above the maximum {Invariant(maxNanoseconds / unit)}{bareUnit}");
        }

        return ns;
    }

    /// <summary>An option restricted to a fixed set of words (compared ordinally).</summary>
    /// <param name="name">Declared name without <c>--</c>.</param>
    /// <param name="defaultValue">Returned when the option is absent.</param>
    /// <param name="choices">The accepted words.</param>
    /// <returns>The chosen word.</returns>
    /// <exception cref="UsageException">A word outside <paramref name="choices"/>.</exception>
    public string GetChoice(string name, string defaultValue, IReadOnlyList<string> choices)
    {
        string? text = GetString(name);
        if (text is null)
        {
            return defaultValue;
        }

        foreach (string choice in choices)
        {
            if (choice == text)
            {
                return choice;
            }
        }

        throw new UsageException($"option --{name}: '{text}' is not one of {string.Join(", ", choices)}{Suggestion.DidYouMean(text, choices)}");
    }

    /// <summary>A required positional argument.</summary>
    /// <param name="index">Zero-based position among the positionals.</param>
    /// <param name="name">What the argument is, for the error (e.g. <c>baseline</c>).</param>
    /// <returns>The argument.</returns>
    /// <exception cref="UsageException">Fewer positionals were given.</exception>
    public string Positional(int index, string name) =>
        index < Positionals.Count ? Positionals[index] : throw new UsageException($"missing argument <{name}>");

    /// <summary>Rejects positionals past the first <paramref name="count"/>.</summary>
    /// <param name="count">How many positionals the verb accepts.</param>
    /// <exception cref="UsageException">Naming the first unexpected argument.</exception>
    public void RejectPositionalsBeyond(int count)
    {
        if (Positionals.Count > count)
        {
            throw new UsageException($"unexpected argument '{Positionals[count]}'");
        }
    }

    private static void CheckRange<T>(string name, T value, T min, T max)
        where T : IComparable<T>, IFormattable
    {
        if (value.CompareTo(min) < 0)
        {
            throw new UsageException(
                $"option --{name}: {Invariant(value)} is below the minimum {Invariant(min)}");
        }

        if (value.CompareTo(max) > 0)
        {
            throw new UsageException(
                $"option --{name}: {Invariant(value)} is above the maximum {Invariant(max)}");
        }
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private List<string>? Lookup(string name)
    {
        if (!declared.Contains(name))
        {
            throw new ArgumentException($"Option --{name} was not declared in the verb's OptionSet.", nameof(name));
        }

        return values.GetValueOrDefault(name);
    }
}
