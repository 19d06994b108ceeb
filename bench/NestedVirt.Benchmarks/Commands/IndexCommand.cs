using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Index;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>index</c>: brings the results index up to date and says what it holds. Every verb that
/// reads results does the same on its way in; this verb is for a rebuild on demand, a full
/// check by content hash, and for seeing which files are corrupt.
/// </summary>
public sealed class IndexCommand : ICommand
{
    private const int ShownCorrupt = 10;

    private readonly OptionSet options = new OptionSet()
        .Flag("rebuild", "throw the index away and index every file again")
        .Flag("verify", "re-hash every file too (edits keeping size and time)")
        .Option("results", "DIR", "results folder (default results/)");

    /// <inheritdoc/>
    public string Name => "index";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "bring the results index up to date, or rebuild it";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench index [options]\n\n"
        + "The results index (results/.nvbench-index.sqlite, never committed)\n"
        + "holds every run's envelope and per benchmark its samples, median,\n"
        + "counters and instruction counts, so history, compare, cover-letter,\n"
        + "report and bisect need not parse every file. The files stay the\n"
        + "source of truth: each read compares every file's size and time with\n"
        + "the index and re-indexes what changed; a missing, unreadable or\n"
        + "older-format index is rebuilt. Exit code 1 when a file is corrupt.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench index --rebuild\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string root = parsed.GetString("results") ?? context.ResultsRoot;
        using ResultsIndex index = ResultsIndex.Open(root, context.Error, parsed.Has("rebuild"), parsed.Has("verify"));
        IndexSyncReport sync = index.LastSync;
        IReadOnlyList<(string Path, string Error)> corrupt = index.CorruptFiles();
        context.Out.Write($"index:    {index.DatabasePath ?? "in memory"}\n");
        context.Out.Write($"runs:     {index.RunCount()} file(s), {index.Machines().Count} machine(s), {corrupt.Count} corrupt\n");
        string rebuilt = sync.Rebuilt is null ? "" : $" (rebuilt: {sync.Rebuilt})";
        string seconds = sync.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        context.Out.Write($"updated:  {sync.Added} added, {sync.Updated} re-indexed, {sync.Removed} removed{rebuilt} in {seconds} s\n");
        foreach ((string _, string error) in corrupt.Take(ShownCorrupt))
        {
            context.Out.Write($"corrupt:  {error}\n");
        }

        if (corrupt.Count > ShownCorrupt)
        {
            context.Out.Write($"corrupt:  and {corrupt.Count - ShownCorrupt} more\n");
        }

        return corrupt.Count == 0 ? 0 : 1;
    }
}
