namespace NestedVirt.Harness.Commands;

/// <summary>
/// A minimal parser for this folder's verbs: positionals, <c>--name value</c>,
/// <c>--name=value</c> and flags. Stand-in for the shared <c>Cli/</c> parser; replace at merge.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);
    private readonly List<string> positionals = [];

    private CommandArguments()
    {
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals => positionals;

    /// <summary>True when <c>--help</c> or <c>-h</c> was given.</summary>
    public bool Help => flags.Contains("--help");

    /// <summary>Parses <paramref name="args"/>; an unknown option or a missing value throws <see cref="ArgumentException"/>.</summary>
    /// <param name="args">The verb's arguments.</param>
    /// <param name="valueOptions">Options that take a value (with the leading dashes).</param>
    /// <param name="flagOptions">Options that take no value.</param>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var parsed = new CommandArguments();
        bool onlyPositionals = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (onlyPositionals || !arg.StartsWith('-') || arg == "-")
            {
                parsed.positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }

            if (arg is "-h" or "--help")
            {
                parsed.flags.Add("--help");
                continue;
            }

            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            if (valueOptions.Contains(name))
            {
                if (equals >= 0)
                {
                    parsed.values[name] = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    parsed.values[name] = args[++i];
                }
                else
                {
                    throw new ArgumentException($"{name} needs a value");
                }
            }
            else if (flagOptions.Contains(name) && equals < 0)
            {
                parsed.flags.Add(name);
            }
            else
            {
                throw new ArgumentException($"unknown option {name}");
            }
        }

        return parsed;
    }

    /// <summary>The value of an option, or null when absent.</summary>
    public string? Value(string name) => values.GetValueOrDefault(name);

    /// <summary>Whether a flag was given.</summary>
    public bool Flag(string name) => flags.Contains(name);

    /// <summary>Requires exactly <paramref name="count"/> positionals, named for the error message.</summary>
    public void ExpectPositionals(int count, string usage)
    {
        if (positionals.Count != count)
        {
            throw new ArgumentException($"expected {usage}, got {positionals.Count} argument(s)");
        }
    }
}
