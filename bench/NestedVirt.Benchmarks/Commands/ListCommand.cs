using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench list</c>: every suite with its categories and the names of its cases; '*' marks
/// headline cases. The names are the ones every verb uses: <c>run --filter</c> selects by them,
/// results files store them, compare, history and cover-letter print them.
/// </summary>
public sealed class ListCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("headline", "only the cases a quick run measures")
        .Values("filter", "GLOB", "only these names, as run --filter", 'f')
        .Values("anyCategories", "CATEGORY", "only cases in any of these categories")
        .Values("allCategories", "CATEGORY", "only cases in all of these categories");

    /// <inheritdoc/>
    public string Name => "list";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "list the suites and the names of their benchmarks";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench list [--headline] [--filter GLOB...]\n\n" +
        "Prints each suite, its categories, then one benchmark name per line.\n" +
        "'*' marks the headline cases that 'run --quick' measures. A name is\n" +
        "what run --filter matches, what results files store and what\n" +
        "compare, history, cover-letter and export print; names are\n" +
        "permanent, so results compare across commits by name.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench list --filter 'walk/ept/*'\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        bool headlineOnly = parsed.Has("headline");
        var selection = new RunOptions
        {
            Settings = RunSettings.For(RunMode.Full),
            Filters = parsed.GetAll("filter"),
            AnyCategories = parsed.GetAll("anyCategories"),
            AllCategories = parsed.GetAll("allCategories"),
        };
        IConfig config = ManualConfig.CreateEmpty().AddFilter([.. BenchmarkSelection.Filters(selection)]);
        int listed = 0;
        foreach (Type suite in SuiteCatalog.Suites)
        {
            BenchmarkCase[] cases = BenchmarkConverter.TypeToBenchmarks(suite, config).BenchmarksCases;
            if (headlineOnly)
                cases = [.. cases.Where(SuiteCatalog.IsHeadline)];
            if (cases.Length == 0)
                continue;
            string categories = string.Join(", ", cases[0].Descriptor.Categories);
            int headline = cases.Count(SuiteCatalog.IsHeadline);
            context.Out.WriteLine($"{suite.Name} ({cases.Length} cases, {headline} headline) [{categories}]");
            foreach (BenchmarkCase benchmarkCase in cases)
                context.Out.WriteLine($"  {(SuiteCatalog.IsHeadline(benchmarkCase) ? '*' : ' ')} {BenchmarkIds.Of(benchmarkCase)}");
            listed += cases.Length;
        }
        if (listed == 0)
            throw new HarnessException($"no benchmark matches {BenchmarkSelection.Describe(selection)}");
        return 0;
    }
}
