using System.Globalization;
using System.Text;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// The options a verb accepts, and the parser for its arguments: <c>--flag</c>,
/// <c>--opt value</c>, <c>--opt=value</c>, positional arguments, and <c>--</c> to end options.
/// Anything undeclared is a <see cref="UsageException"/> naming the option.
/// </summary>
public sealed class OptionSet
{
    private readonly List<OptionSpec> options = [];

    /// <summary>Declares a flag that takes no value.</summary>
    /// <param name="name">Name without <c>--</c>, e.g. <c>strict</c>.</param>
    /// <param name="description">One line for help.</param>
    /// <returns>This set, for chaining.</returns>
    public OptionSet Flag(string name, string description) => Add(new OptionSpec(name, null, description));

    /// <summary>Declares an option that takes one value (it may be repeated; the last one wins).</summary>
    /// <param name="name">Name without <c>--</c>, e.g. <c>format</c>.</param>
    /// <param name="valueName">Placeholder for help, e.g. <c>text|json</c>.</param>
    /// <param name="description">One line for help.</param>
    /// <returns>This set, for chaining.</returns>
    public OptionSet Option(string name, string valueName, string description) =>
        Add(new OptionSpec(name, valueName, description));

    /// <summary>Parses a verb's arguments (the verb itself already removed).</summary>
    /// <param name="args">Arguments as typed.</param>
    /// <returns>Flags, option values and positionals.</returns>
    /// <exception cref="UsageException">Unknown option, missing value, or a value given to a flag.</exception>
    public ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (optionsEnded || !LooksLikeOption(token))
            {
                positionals.Add(token);
                continue;
            }

            if (token == "--")
            {
                optionsEnded = true;
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option {token}");
            }

            int equals = token.IndexOf('=');
            string name = equals < 0 ? token[2..] : token[2..equals];
            string? inlineValue = equals < 0 ? null : token[(equals + 1)..];
            OptionSpec spec = Find(name) ?? throw new UsageException($"unknown option --{name}");
            if (!values.TryGetValue(name, out List<string>? list))
            {
                list = [];
                values.Add(name, list);
            }

            if (!spec.TakesValue)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option --{name} takes no value (got '{inlineValue}')");
                }

                continue;
            }

            string? value = inlineValue;
            if (value is null && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (string.IsNullOrEmpty(value))
            {
                throw new UsageException($"option --{name} needs a value ({spec.ValueName})");
            }

            list.Add(value);
        }

        return new ParsedArguments(values, positionals, options.Select(static o => o.Name).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The options as help lines, two-space indented and aligned.</summary>
    /// <returns>One line per option, each ending in a newline; empty when there are none.</returns>
    public string Describe()
    {
        int width = 0;
        foreach (OptionSpec spec in options)
        {
            width = Math.Max(width, spec.Usage.Length);
        }

        var text = new StringBuilder();
        foreach (OptionSpec spec in options)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {spec.Usage.PadRight(width)}  {spec.Description}\n");
        }

        return text.ToString();
    }

    // "-5" and "-0.3" are values (a negative threshold), not options; a lone "-" conventionally
    // means standard input and stays positional too.
    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' &&
        !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private OptionSet Add(OptionSpec spec)
    {
        if (spec.Name.Length == 0 || spec.Name.StartsWith('-') || spec.Name.Contains('='))
        {
            throw new ArgumentException($"Option name '{spec.Name}' must be given without dashes or '='.", nameof(spec));
        }

        if (Find(spec.Name) is not null)
        {
            throw new ArgumentException($"Option --{spec.Name} is declared twice.", nameof(spec));
        }

        options.Add(spec);
        return this;
    }

    private OptionSpec? Find(string name)
    {
        foreach (OptionSpec spec in options)
        {
            if (spec.Name == name)
            {
                return spec;
            }
        }

        return null;
    }
}
