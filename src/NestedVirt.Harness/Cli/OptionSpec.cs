namespace NestedVirt.Harness.Cli;

/// <summary>One declared option of a verb.</summary>
/// <param name="Name">Name without the leading <c>--</c>.</param>
/// <param name="ValueName">Placeholder for the value in help (<c>text|json</c>), or null for a flag.</param>
/// <param name="Description">One line for the verb's help.</param>
public sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    /// <summary>How many values it takes.</summary>
    public OptionArity Arity { get; init; } = ValueName is null ? OptionArity.Flag : OptionArity.One;

    /// <summary>A one-letter alias (<c>-f</c>), or null.</summary>
    public char? ShortName { get; init; }

    /// <summary>
    /// True for an option another parser owns (BenchmarkDotNet's): it is recognised, matched
    /// ignoring case as that parser does, and handed over verbatim in
    /// <see cref="ParsedArguments.PassThrough"/>.
    /// </summary>
    public bool PassedThrough { get; init; }

    /// <summary>True when the option takes at least one value.</summary>
    public bool TakesValue => Arity != OptionArity.Flag;

    /// <summary>
    /// The words a value may be, for shell completion: by default the alternatives of a value
    /// name written <c>text|md|json</c>; empty for free values (paths, numbers, globs).
    /// </summary>
    public IReadOnlyList<string> Choices { get; init; } =
        ValueName is not null && ValueName.Contains('|') && !ValueName.Contains(' ')
            ? ValueName.Split('|', StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>How the option appears in help: <c>-f, --filter GLOB...</c>.</summary>
    public string Usage
    {
        get
        {
            string alias = ShortName is { } c ? $"-{c}, " : "";
            string value = Arity switch
            {
                OptionArity.One => " " + ValueName,
                OptionArity.Many => " " + ValueName + "...",
                _ => "",
            };
            return $"{alias}--{Name}{value}";
        }
    }
}
