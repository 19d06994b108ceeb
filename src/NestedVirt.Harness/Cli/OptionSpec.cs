namespace NestedVirt.Harness.Cli;

/// <summary>One declared option of a verb.</summary>
/// <param name="Name">Name without the leading <c>--</c>.</param>
/// <param name="ValueName">Placeholder for the value in help (<c>text|json</c>), or null for a flag.</param>
/// <param name="Description">One line for the verb's help.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    /// <summary>True for <c>--opt value</c>, false for a bare <c>--flag</c>.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>How the option appears in help: <c>--format text|json</c>.</summary>
    public string Usage => TakesValue ? $"--{Name} {ValueName}" : $"--{Name}";
}
