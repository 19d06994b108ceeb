using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Commands;

/// <summary><c>nvbench list</c>: every suite with its categories and benchmark ids; '*' marks headline cases.</summary>
public sealed class ListCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Flag("headline", "only the cases a quick run measures");

    /// <inheritdoc/>
    public string Name => "list";

    /// <inheritdoc/>
    public string Summary => "list the suites and their permanent benchmark ids";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench list [--headline]\n\n" +
        "Prints each suite, its categories, then one benchmark id per line.\n" +
        "'*' marks the headline cases that 'run --quick' measures. Ids are\n" +
        "permanent: results are compared across commits by id.\n\n" +
        "options:\n" + options.Describe();

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        bool headlineOnly = parsed.Has("headline");
        IConfig config = ManualConfig.CreateEmpty();
        foreach (Type suite in SuiteCatalog.Suites)
        {
            BenchmarkCase[] cases = BenchmarkConverter.TypeToBenchmarks(suite, config).BenchmarksCases;
            string categories = cases.Length > 0 ? string.Join(", ", cases[0].Descriptor.Categories) : "";
            int headline = cases.Count(SuiteCatalog.IsHeadline);
            context.Out.WriteLine($"{suite.Name} ({cases.Length} cases, {headline} headline) [{categories}]");
            foreach (BenchmarkCase benchmarkCase in cases)
            {
                bool isHeadline = SuiteCatalog.IsHeadline(benchmarkCase);
                if (headlineOnly && !isHeadline)
                    continue;
                context.Out.WriteLine($"  {(isHeadline ? '*' : ' ')} {BenchmarkIds.Of(benchmarkCase)}");
            }
        }
        return 0;
    }
}
