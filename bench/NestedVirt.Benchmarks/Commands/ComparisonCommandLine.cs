using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// The options every comparing verb shares (<c>--min-effect</c>, <c>--noise-floor</c>,
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
        "A benchmark is flagged only when its whole confidence interval lies\n"
        + "past the minimum effect and the noise floor, with Holm's correction\n"
        + "over all benchmarks compared (alpha = family-wise false-alarm rate).\n"
        + "A verdict needs at least 4 samples per side at alpha 0.05, 5 at 0.01;\n"
        + "fewer give \"too few\".\n";

    /// <summary>Declares <c>--min-effect</c> (and its old name <c>--threshold</c>), <c>--noise-floor</c>, <c>--alpha</c>, <c>--cross-machine</c>, <c>--include-smoke</c> and <c>--mixed-setup</c>.</summary>
    /// <param name="options">The verb's options.</param>
    /// <returns>The same set, for chaining.</returns>
    public static OptionSet Declare(OptionSet options) =>
        DeclareVerdict(options).Flag("cross-machine", "allow base and head from different machines")
            .Flag("include-smoke", "allow smoke runs (dry job; numbers meaningless)")
            .Flag("mixed-setup", "allow runs of different toolchains or jobs");

    /// <summary>Declares the verdict's options alone: <c>--min-effect</c>, <c>--threshold</c>, <c>--noise-floor</c>, <c>--alpha</c>.</summary>
    /// <param name="options">The verb's options.</param>
    /// <returns>The same set, for chaining.</returns>
    public static OptionSet DeclareVerdict(OptionSet options) => options
        .Option("min-effect", "PCT", $"smallest change reported, e.g. 2% (default {NumberText.Plain(ComparisonOptions.DefaultMinEffectPercent)}%)")
        .Option("threshold", "PCT", "old name of --min-effect")
        .Option("noise-floor", "TIME", "absolute floor, e.g. 0.5ns, 2us (default 0.5ns)")
        .Option("alpha", "A", "family-wise false-alarm rate (default 0.05)");

    /// <summary>Declares the sampling options <c>ab</c> and <c>canary</c> share: <c>--rounds</c>, <c>--min-rounds</c>, <c>--max-rounds</c>.</summary>
    /// <param name="options">The verb's options.</param>
    /// <param name="defaultMin">Default minimum rounds.</param>
    /// <param name="defaultMax">Default maximum rounds.</param>
    /// <returns>The same set, for chaining.</returns>
    public static OptionSet DeclareRounds(OptionSet options, int defaultMin, int defaultMax) => options
        .Option("max-rounds", "N", $"most rounds, fewer once all decided (default {defaultMax})")
        .Option("min-rounds", "N", $"rounds before the first look (default {defaultMin})")
        .Option("rounds", "N", "exactly N rounds (min = max = N)");

    /// <summary>Reads the options declared by <see cref="DeclareRounds"/>.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <param name="defaultMin">Default minimum rounds.</param>
    /// <param name="defaultMax">Default maximum rounds.</param>
    /// <param name="limit">Largest accepted round count.</param>
    /// <exception cref="UsageException">Out of range, or --rounds mixed with --min-rounds/--max-rounds.</exception>
    public static SequentialPlan ReadRounds(ParsedArguments args, int defaultMin, int defaultMax, int limit)
    {
        if (args.Has("rounds"))
        {
            if (args.Has("min-rounds") || args.Has("max-rounds"))
            {
                throw new UsageException("use either --rounds or --min-rounds/--max-rounds");
            }

            int rounds = args.GetInt32("rounds", defaultMax, min: 1, max: limit);
            return new SequentialPlan(rounds, rounds);
        }

        int max = args.GetInt32("max-rounds", Math.Max(defaultMax, 1), min: 1, max: limit);
        int min = args.GetInt32("min-rounds", Math.Min(defaultMin, max), min: 1, max: limit);
        if (min > max)
        {
            throw new UsageException($"option --min-rounds: {min} is more than --max-rounds {max}");
        }

        return new SequentialPlan(min, max);
    }

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
    public static ComparisonOptions Read(ParsedArguments args) =>
        ReadVerdict(args) with
        {
            AllowCrossMachine = args.Has("cross-machine"),
            IncludeSmoke = args.Has("include-smoke"),
            AllowMixedSetup = args.Has("mixed-setup"),
        };

    /// <summary>Reads the options declared by <see cref="DeclareVerdict"/>.</summary>
    /// <param name="args">The parsed arguments.</param>
    /// <returns>Validated comparison options (same machine only).</returns>
    /// <exception cref="UsageException">A value that is not a number, has an unknown unit, or is out of range.</exception>
    public static ComparisonOptions ReadVerdict(ParsedArguments args)
    {
        ComparisonOptions defaults = ComparisonOptions.Default;
        var options = new ComparisonOptions
        {
            MinEffectPercent = args.GetPercent(args.GetString("min-effect") is null ? "threshold" : "min-effect", defaults.MinEffectPercent),
            NoiseFloorNs = args.GetTime("noise-floor", defaults.NoiseFloorNs),
            Alpha = args.GetDouble("alpha", defaults.Alpha),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            string option = e.ParamName switch
            {
                nameof(ComparisonOptions.MinEffectPercent) => args.GetString("min-effect") is null ? "threshold" : "min-effect",
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
