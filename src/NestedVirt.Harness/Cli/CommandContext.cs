using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Harness.Cli;

/// <summary>Where a verb writes and where it finds the repository.</summary>
/// <param name="Out">Normal output (tables, summaries).</param>
/// <param name="Error">One-line errors and progress.</param>
/// <param name="RepositoryRoot">The checkout root (the folder holding <c>Perf.sln</c>), or the current directory.</param>
public sealed record CommandContext(TextWriter Out, TextWriter Error, string RepositoryRoot)
{
    /// <summary>The default results folder, <c>results/</c> under the repository root.</summary>
    public string ResultsRoot => Path.Combine(RepositoryRoot, "results");

    /// <summary>Signals and cleanup (the process's by default; tests pass their own).</summary>
    public Interruption Interruption { get; init; } = Interruption.Current;

    /// <summary>The folder nvbench was started in, or null (tests): history and report may order runs by its repository (<see cref="History.AncestrySource"/>).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where temporary folders go; the system temporary folder (TMPDIR) when null.</summary>
    public string? TemporaryRoot { get; init; }
}
