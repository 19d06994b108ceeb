using System.Globalization;
using System.Text;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// The options a verb accepts, and the parser for its arguments: <c>--flag</c>,
/// <c>--opt value</c>, <c>--opt=value</c>, <c>-f value</c> for a declared one-letter alias,
/// <c>--opt v1 v2</c> for a many-valued option, positional arguments, and <c>--</c> to end
/// options. Options owned by another parser (BenchmarkDotNet's) are recognised and handed over
/// verbatim. Anything else is a <see cref="UsageException"/> naming the option and, when one is
/// close, the option that was probably meant.
/// </summary>
public sealed class OptionSet
{
    private readonly List<OptionSpec> options = [];

    /// <summary>Every declared option, in declaration order (help, completion).</summary>
    public IReadOnlyList<OptionSpec> Options => options;

    /// <summary>Declares a flag that takes no value.</summary>
    /// <param name="name">Name without <c>--</c>, e.g. <c>strict</c>.</param>
    /// <param name="description">One line for help.</param>
    /// <param name="shortName">Optional one-letter alias.</param>
    /// <returns>This set, for chaining.</returns>
    public OptionSet Flag(string name, string description, char? shortName = null) =>
        Add(new OptionSpec(name, null, description) { ShortName = shortName });

    /// <summary>Declares an option that takes one value (it may be repeated; the last one wins).</summary>
    /// <param name="name">Name without <c>--</c>, e.g. <c>format</c>.</param>
    /// <param name="valueName">Placeholder for help, e.g. <c>text|json</c> (alternatives also drive completion).</param>
    /// <param name="description">One line for help.</param>
    /// <param name="shortName">Optional one-letter alias.</param>
    /// <param name="choices">The words the value may be, for completion, when the value name does not list them.</param>
    /// <returns>This set, for chaining.</returns>
    public OptionSet Option(string name, string valueName, string description, char? shortName = null, IReadOnlyList<string>? choices = null)
    {
        var spec = new OptionSpec(name, valueName, description) { ShortName = shortName };
        return Add(choices is null ? spec : spec with { Choices = choices });
    }

    /// <summary>Declares an option that takes one or more values, up to the next option.</summary>
    /// <param name="name">Name without <c>--</c>, e.g. <c>filter</c>.</param>
    /// <param name="valueName">Placeholder for one value in help, e.g. <c>GLOB</c>.</param>
    /// <param name="description">One line for help.</param>
    /// <param name="shortName">Optional one-letter alias.</param>
    /// <returns>This set, for chaining.</returns>
    public OptionSet Values(string name, string valueName, string description, char? shortName = null) =>
        Add(new OptionSpec(name, valueName, description) { Arity = OptionArity.Many, ShortName = shortName });

    /// <summary>Declares options another parser owns; they reach <see cref="ParsedArguments.PassThrough"/> verbatim.</summary>
    /// <param name="foreign">The other parser's options (their descriptions go into help and completion).</param>
    /// <returns>This set, for chaining.</returns>
    public OptionSet PassThrough(IEnumerable<OptionSpec> foreign)
    {
        ArgumentNullException.ThrowIfNull(foreign);
        foreach (OptionSpec spec in foreign)
        {
            if (Find(spec.Name, ignoreCase: true) is null)
            {
                Add(spec with { PassedThrough = true });
            }
        }

        return this;
    }

    /// <summary>Parses a verb's arguments (the verb itself already removed).</summary>
    /// <param name="args">Arguments as typed.</param>
    /// <returns>Flags, option values, pass-through arguments and positionals.</returns>
    /// <exception cref="UsageException">Unknown option, missing value, or a value given to a flag.</exception>
    public ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positionals = new List<string>();
        var passThrough = new List<string>();
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

            (OptionSpec spec, string typed, string? inlineValue) = Resolve(token);
            var given = new List<string>();
            if (!spec.TakesValue)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option {typed} takes no value (got '{inlineValue}')");
                }
            }
            else if (inlineValue is not null)
            {
                given.Add(inlineValue);
            }
            else if (spec.Arity == OptionArity.One)
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    given.Add(args[++i]);
                }
            }
            else
            {
                while (i + 1 < args.Count && !LooksLikeOption(args[i + 1]))
                {
                    given.Add(args[++i]);
                }
            }

            if (spec.TakesValue && (given.Count == 0 || given.Exists(string.IsNullOrEmpty)))
            {
                throw new UsageException($"option {typed} needs a value ({spec.ValueName})");
            }

            if (spec.PassedThrough)
            {
                passThrough.Add("--" + spec.Name);
                passThrough.AddRange(given);
                continue;
            }

            if (!values.TryGetValue(spec.Name, out List<string>? list))
            {
                list = [];
                values.Add(spec.Name, list);
            }

            list.AddRange(given);
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (OptionSpec spec in options)
        {
            declared.Add(spec.Name);
        }

        return new ParsedArguments(values, positionals, declared, passThrough);
    }

    /// <summary>The options as help lines, two-space indented and aligned; pass-through options are left to <see cref="DescribePassThrough"/>.</summary>
    /// <returns>One line per option, each ending in a newline; empty when there are none.</returns>
    public string Describe()
    {
        int width = 0;
        foreach (OptionSpec spec in options)
        {
            if (!spec.PassedThrough)
            {
                width = Math.Max(width, spec.Usage.Length);
            }
        }

        var text = new StringBuilder();
        foreach (OptionSpec spec in options)
        {
            if (!spec.PassedThrough)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {spec.Usage.PadRight(width)}  {spec.Description}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The pass-through options' names wrapped into help lines, or empty when there are none.</summary>
    /// <param name="width">Line width.</param>
    public string DescribePassThrough(int width = CommandDispatcher.HelpWidth)
    {
        var names = new List<string>();
        foreach (OptionSpec spec in options)
        {
            if (spec.PassedThrough)
            {
                names.Add("--" + spec.Name);
            }
        }

        if (names.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        var line = new StringBuilder(" ");
        foreach (string name in names)
        {
            if (line.Length + 1 + name.Length > width)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(' ');
            }

            line.Append(' ').Append(name);
        }

        return text.Append(line).Append('\n').ToString();
    }

    // "-5" and "-0.3" are values (a negative threshold), not options; a lone "-" conventionally
    // means standard input and stays positional too.
    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' &&
        !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private (OptionSpec Spec, string Typed, string? InlineValue) Resolve(string token)
    {
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            // "-f" (an alias); "-f=x" is not a form anyone types.
            OptionSpec? byAlias = token.Length == 2 ? FindShort(token[1]) : null;
            return byAlias is not null
                ? (byAlias, token, null)
                : throw new UsageException($"unknown option {token}{Suggestion.DidYouMean(token.TrimStart('-'), Names(), "--")}");
        }

        int equals = token.IndexOf('=');
        string name = equals < 0 ? token[2..] : token[2..equals];
        string? inlineValue = equals < 0 ? null : token[(equals + 1)..];
        OptionSpec spec = Find(name, ignoreCase: false)
            ?? (Find(name, ignoreCase: true) is { } other && IgnoresCase(other) ? other : null)
            ?? throw new UsageException($"unknown option --{name}{Suggestion.DidYouMean(name, Names(), "--")}");
        return (spec, "--" + name, inlineValue);
    }

    // BenchmarkDotNet's parser ignores case, so its options (passed through, or camelCase names
    // such as --anyCategories that nvbench reads with BenchmarkDotNet's meaning) do too; nvbench's
    // own lowercase options are matched exactly.
    private static bool IgnoresCase(OptionSpec spec) => spec.PassedThrough || spec.Name.Any(char.IsAsciiLetterUpper);

    private IEnumerable<string> Names()
    {
        foreach (OptionSpec spec in options)
        {
            yield return spec.Name;
        }
    }

    private OptionSet Add(OptionSpec spec)
    {
        if (spec.Name.Length == 0 || spec.Name.StartsWith('-') || spec.Name.Contains('='))
        {
            throw new ArgumentException($"Option name '{spec.Name}' must be given without dashes or '='.", nameof(spec));
        }

        if (Find(spec.Name, ignoreCase: false) is not null)
        {
            throw new ArgumentException($"Option --{spec.Name} is declared twice.", nameof(spec));
        }

        if (spec.ShortName is { } c && FindShort(c) is not null)
        {
            throw new ArgumentException($"Option -{c} is declared twice.", nameof(spec));
        }

        options.Add(spec);
        return this;
    }

    private OptionSpec? Find(string name, bool ignoreCase)
    {
        foreach (OptionSpec spec in options)
        {
            if (string.Equals(spec.Name, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return spec;
            }
        }

        return null;
    }

    private OptionSpec? FindShort(char name)
    {
        foreach (OptionSpec spec in options)
        {
            if (spec.ShortName == name)
            {
                return spec;
            }
        }

        return null;
    }
}
