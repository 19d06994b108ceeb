using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>compare BASE HEAD</c>: per-benchmark verdicts between two stored runs. Exit code 0 when
/// nothing is slower, 1 on a regression, 2 on bad input (CI gates on it).
/// </summary>
public sealed class CompareCommand : ICommand
{
    private readonly OptionSet options =
        ComparisonCommandLine.DeclareFormat(ComparisonCommandLine.Declare(new OptionSet()));

    /// <inheritdoc/>
    public string Name => "compare";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "compare two stored runs; exit 1 on a regression";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench compare BASE HEAD [options]\n\n"
        + "Compares HEAD against BASE benchmark by benchmark (Mann-Whitney\n"
        + "equivalence test; a change counts only past both thresholds).\n"
        + "Deterministic counters are compared exactly and listed apart as\n"
        + "model changes. BASE and HEAD are results files, run ids or unique\n"
        + "id prefixes (searched in every machine folder under results/).\n"
        + ComparisonCommandLine.SampleSizeNote
        + "Exit code: 0 nothing slower, 1 a regression, 2 bad input.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench compare 20260314T0915 20260315T1002 --threshold 3%\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        ComparisonOptions comparison = ComparisonCommandLine.Read(parsed);
        ReportFormat format = ComparisonCommandLine.ReadFormat(parsed);
        (ResultsEnvelope baseline, ResultsEnvelope head) = ComparisonCommandLine.LoadBaseAndHead(parsed, context.ResultsRoot);
        return Execute(baseline, head, comparison, format, context.Out);
    }

    /// <summary>
    /// The verb without files: compares, writes the report, returns the exit code (0 or 1).
    /// </summary>
    /// <exception cref="MachineMismatchException">Different machines and cross-machine not allowed.</exception>
    /// <param name="baseline">Base results.</param>
    /// <param name="head">Head results.</param>
    /// <param name="options">Thresholds and policy.</param>
    /// <param name="format">Output format.</param>
    /// <param name="output">Destination of the report.</param>
    /// <returns>1 when a benchmark is slower, else 0.</returns>
    public static int Execute(ResultsEnvelope baseline, ResultsEnvelope head, ComparisonOptions options, ReportFormat format, TextWriter output)
    {
        var model = ReportModel.Compare(baseline, head, options);
        ReportExporters.Write(model, format, output);
        return model.Comparison!.HasRegression ? 1 : 0;
    }
}
