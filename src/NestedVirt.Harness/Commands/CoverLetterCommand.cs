using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Commands;

/// <summary><c>cover-letter BASE HEAD</c>: the numbers block for a <c>git format-patch</c> cover letter.</summary>
public sealed class CoverLetterCommand : ICommand
{
    private static readonly string[] FlagOptions = [.. ComparisonArguments.FlagOptions, "--raw"];

    /// <inheritdoc/>
    public string Name => "cover-letter";

    /// <inheritdoc/>
    public string Summary => "plain-text numbers (72 columns) for a patch cover letter";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench cover-letter BASE HEAD [options]\n"
        + "Prints the machine line, the exact command, relay vs reflection and\n"
        + "EPT vs NPT tables for HEAD, base -> head rows with verdicts (\"same\"\n"
        + "when not significant) and a counters line; ASCII, at most 72 columns.\n"
        + "  --raw             append <name> <value> lines (kvm-unit-tests vmexit style)\n"
        + ComparisonArguments.Help
        + "example: nvbench cover-letter results/m1/base.json results/m1/head.json --raw\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CommandErrors.Run(Name, context, () =>
        {
            CommandArguments parsed = CommandArguments.Parse(args, ComparisonArguments.ValueOptions, FlagOptions);
            if (parsed.Help)
            {
                context.Out.Write(Help);
                return 0;
            }

            parsed.ExpectPositionals(2, "BASE HEAD");
            ComparisonOptions options = ComparisonArguments.Parse(parsed);

            // Merge seam: BASE/HEAD are file paths here; the results store may also resolve commits.
            ResultsEnvelope baseline = EnvelopeFiles.Load(parsed.Positionals[0]);
            ResultsEnvelope head = EnvelopeFiles.Load(parsed.Positionals[1]);
            context.Out.Write(Execute(baseline, head, options, parsed.Flag("--raw")));
            return 0;
        });
    }

    /// <summary>The verb without files: the cover-letter text.</summary>
    /// <exception cref="MachineMismatchException">Different machines and cross-machine not allowed.</exception>
    /// <param name="baseline">Base results.</param>
    /// <param name="head">Head results.</param>
    /// <param name="options">Thresholds and policy.</param>
    /// <param name="includeRaw">Append the raw block.</param>
    public static string Execute(ResultsEnvelope baseline, ResultsEnvelope head, ComparisonOptions options, bool includeRaw)
    {
        ComparisonReport report = new BenchmarkComparer(options).Compare(baseline, head);
        return CoverLetter.Render(baseline, head, report, includeRaw);
    }
}
