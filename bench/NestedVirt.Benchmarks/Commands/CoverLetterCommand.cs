using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary><c>cover-letter BASE HEAD</c>: the numbers block for a <c>git format-patch</c> cover letter.</summary>
public sealed class CoverLetterCommand : ICommand
{
    private readonly OptionSet options = ComparisonCommandLine.Declare(new OptionSet())
        .Flag("raw", "append <name> <value> lines (kvm-unit-tests style)");

    /// <inheritdoc/>
    public string Name => "cover-letter";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "plain-text numbers (72 columns) for a cover letter";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench cover-letter BASE HEAD [options]\n\n"
        + "Prints the machine line, the exact command, relay vs reflection and\n"
        + "EPT vs NPT tables for HEAD, base -> head rows with verdicts (\"same\"\n"
        + "when not significant) and a counters line; ASCII, at most 72\n"
        + "columns. BASE and HEAD are results files, run ids or unique id\n"
        + "prefixes, as for compare.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench cover-letter 20260314T0915 20260315T1002 --raw\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        ComparisonOptions comparison = ComparisonCommandLine.Read(parsed);
        (ResultsEnvelope baseline, ResultsEnvelope head) = ComparisonCommandLine.LoadBaseAndHead(parsed, context.ResultsRoot);
        context.Out.Write(Execute(baseline, head, comparison, parsed.Has("raw")));
        return 0;
    }

    /// <summary>The verb without files: the cover-letter text.</summary>
    /// <exception cref="MachineMismatchException">Different machines and cross-machine not allowed.</exception>
    /// <param name="baseline">Base results.</param>
    /// <param name="head">Head results.</param>
    /// <param name="options">Thresholds and policy.</param>
    /// <param name="includeRaw">Append the raw block.</param>
    /// <returns>The cover-letter text.</returns>
    public static string Execute(ResultsEnvelope baseline, ResultsEnvelope head, ComparisonOptions options, bool includeRaw)
    {
        return new CoverLetterExporter(includeRaw).Render(ReportModel.Compare(baseline, head, options));
    }
}
