using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// The options every comparing verb shares (<c>--threshold</c>, <c>--noise-floor</c>,
/// <c>--alpha</c>, <c>--cross-machine</c>, and <c>--format</c> where output has formats), declared
/// on the verb's <see cref="OptionSet"/> and read back into <see cref="ComparisonOptions"/>.
/// Thresholds keep their units as people type them (<c>5%</c>, <c>0.5ns</c>, <c>2us</c>, <c>1s</c>),
/// read by the one parser every verb shares (<see cref="Quantity"/>).
/// </summary>
internal static class ComparisonCommandLine
{
    /// <summary>The accepted <c>--format</c> words.</summary>
    public static readonly string[] Formats = ["text", "md", "json"];

    /// <summary>A help paragraph on sample sizes, which <c>--alpha</c>'s one line cannot hold.</summary>
    public const string SampleSizeNote =
        "A verdict needs at least 4 samples per side at alpha 0.05, 5 at 0.01;\n"
        + "fewer give \"too few\".\n";

    /// <summary>Declares <c>--threshold</c>, <c>--noise-floor</c>, <c>--alpha</c>, <c>--cross-machine</c> and <c>--mixed-setup</c>.</summary>
    /// <param name="options">The verb's options.</param>
    /// <returns>The same set, for chaining.</returns>
    public static OptionSet Declare(OptionSet options) => options
        .Option("threshold", "PCT", "relative threshold, e.g. 3% (default 5%)")
        .Option("noise-floor", "TIME", "absolute floor, e.g. 0.5ns, 2us (default 0.5ns)")
        .Option("alpha", "A", "significance level (default 0.05)")
        .Flag("cross-machine", "allow base and head from different machines")
        .Flag("mixed-setup", "allow runs of different toolchains or jobs");

    /// <summary>Declares <c>--format text|md|json</c>.</summary>
    /// <param name="options">The verb's options.</param>
    /// <returns>The same set, for chaining.</returns>
    public static OptionSet DeclareFormat(OptionSet options) =>
        options.Option("format", "text|md|json", "output format (default text)");

    /// <summary>
    /// The BASE and HEAD positionals (results files, run ids or unique id prefixes under
    /// <paramref name="resultsRoot"/>), loaded; any further positional is a usage error.
    /// </summary>
    public static (ResultsEnvelope Base, ResultsEnvelope Head) LoadBaseAndHead(ParsedArguments args, string resultsRoot)
    {
        string basePathOrId = args.Positional(0, "BASE");
        string headPathOrId = args.Positional(1, "HEAD");
        args.RejectPositionalsBeyond(2);
        string basePath = ResultsStore.Resolve(basePathOrId, resultsRoot);
        string headPath = ResultsStore.Resolve(headPathOrId, resultsRoot);
        using ResultsIndex index = ResultsIndex.Open(resultsRoot);
        return (index.Load(basePath).Envelope, index.Load(headPath).Envelope);
    }

    /// <summary>Reads the options declared by <see cref="Declare"/>.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <returns>Validated comparison options.</returns>
    /// <exception cref="UsageException">A value that is not a number, has an unknown unit, or is out of range.</exception>
    public static ComparisonOptions Read(ParsedArguments args)
    {
        ComparisonOptions defaults = ComparisonOptions.Default;
        var options = new ComparisonOptions
        {
            ThresholdPercent = args.GetPercent("threshold", defaults.ThresholdPercent),
            NoiseFloorNs = args.GetTime("noise-floor", defaults.NoiseFloorNs),
            Alpha = args.GetDouble("alpha", defaults.Alpha),
            AllowCrossMachine = args.Has("cross-machine"),
            AllowMixedSetup = args.Has("mixed-setup"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            string option = e.ParamName switch
            {
                nameof(ComparisonOptions.ThresholdPercent) => "threshold",
                nameof(ComparisonOptions.NoiseFloorNs) => "noise-floor",
                _ => "alpha",
            };

            // ArgumentOutOfRangeException appends the parameter and value on further lines.
            string reason = e.Message.Split('\n')[0];
            int parameter = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new UsageException($"option --{option}: {(parameter < 0 ? reason : reason[..parameter]).Trim()}");
        }

        return options;
    }

    /// <summary>Reads the option declared by <see cref="DeclareFormat"/>.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <returns>The report format; text when absent.</returns>
    /// <exception cref="UsageException">A word other than text, md or json.</exception>
    public static ReportFormat ReadFormat(ParsedArguments args)
    {
        string word = args.GetChoice("format", "text", Formats);
        return ReportExporters.TryParseFormat(word, out ReportFormat format)
            ? format
            : throw new UsageException($"option --format: '{word}' is not one of {string.Join(", ", Formats)}");
    }
}
