using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Commands;

/// <summary>
/// <c>compare BASE HEAD</c>: per-benchmark verdicts between two results files. Exit code 0 when
/// nothing is slower, 1 on a regression, 2 on bad input (CI gates on it).
/// </summary>
public sealed class CompareCommand : ICommand
{
    private static readonly string[] ValueOptions = [.. ComparisonArguments.ValueOptions, "--format"];

    /// <inheritdoc/>
    public string Name => "compare";

    /// <inheritdoc/>
    public string Summary => "compare two results files; exit 1 on a regression";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench compare BASE HEAD [options]\n"
        + "Compares HEAD against BASE benchmark by benchmark (Mann-Whitney equivalence\n"
        + "test; a change counts only past both thresholds). Deterministic counters\n"
        + "are compared exactly and listed apart as model changes.\n"
        + "Exit code: 0 nothing slower, 1 a regression, 2 bad input.\n"
        + ComparisonArguments.Help
        + "  --format F        text (default), md or json\n"
        + "example: nvbench compare results/m1/base.json results/m1/head.json --threshold 3%\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CommandErrors.Run(Name, context, () =>
        {
            CommandArguments parsed = CommandArguments.Parse(args, ValueOptions, ComparisonArguments.FlagOptions);
            if (parsed.Help)
            {
                context.Out.Write(Help);
                return 0;
            }

            parsed.ExpectPositionals(2, "BASE HEAD");
            ComparisonOptions options = ComparisonArguments.Parse(parsed);
            ReportFormat format = ReportFormat.Text;
            if (parsed.Value("--format") is { } f && !ComparisonWriter.TryParseFormat(f, out format))
            {
                throw new ArgumentException($"--format: '{f}' is not text, md or json");
            }

            // Merge seam: BASE/HEAD are file paths here; the results store may also resolve commits.
            ResultsEnvelope baseline = EnvelopeFiles.Load(parsed.Positionals[0]);
            ResultsEnvelope head = EnvelopeFiles.Load(parsed.Positionals[1]);
            return Execute(baseline, head, options, format, context.Out);
        });
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
    public static int Execute(ResultsEnvelope baseline, ResultsEnvelope head, ComparisonOptions options, ReportFormat format, TextWriter output)
    {
        ComparisonReport report = new BenchmarkComparer(options).Compare(baseline, head);
        ComparisonWriter.Write(report, format, output);
        return report.HasRegression ? 1 : 0;
    }
}
