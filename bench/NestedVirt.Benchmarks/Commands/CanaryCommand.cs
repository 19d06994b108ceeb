using NestedVirt.Benchmarks.Canary;
using System.Globalization;
using System.Text;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench canary [--runs N]</c>: proves the regression detector on this machine. Runs N A/A
/// comparisons (0% against 0%) and N A/B comparisons (0% against the injected slowdown, 5% by
/// default), alternating, each sampled as <c>ab</c> samples two revisions (rounds of one side
/// each in ABBA order, the quick job's sampling per side, early stop) and judged by the same
/// <see cref="VerdictRule"/>. Reports false alarms among the A/A comparisons and detections
/// among the A/B ones. Always exit 0: it reports on the detector, it does not gate.
/// </summary>
public sealed class CanaryCommand : ICommand
{
    private readonly Func<int, double[]>? sampleOverride;
    private readonly OptionSet options = ComparisonCommandLine.DeclareVerdict(ComparisonCommandLine.DeclareRounds(new OptionSet()
        .Option("runs", "N", "A/A comparisons and as many A/B (default 10)")
        .Option("slowdown", "PCT", "injected slowdown of side B, whole % (default 5%)")
        .Option("iteration-ms", "TIME", "one iteration, bare number in ms (default 120)"), defaultMin: 1, defaultMax: 1));

    /// <summary>Creates the verb.</summary>
    /// <param name="sample">Samples one side given its slowdown; default: a <see cref="CanarySampler"/> (tests inject fixed samples).</param>
    public CanaryCommand(Func<int, double[]>? sample = null)
    {
        sampleOverride = sample;
    }

    /// <inheritdoc/>
    public string Name => "canary";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "A/A and A/A+5% runs: false alarms and detections";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench canary [--runs N] [--slowdown P] [--max-rounds R]\n\n" +
        "Measures a fixed serial workload (the Canary benchmark) N times\n" +
        "against itself (A/A) and N times against itself with P% more of\n" +
        "the same work (A/B), alternating. Each comparison is sampled as\n" +
        "'ab' samples two revisions: rounds of one side each in ABBA order,\n" +
        "every side like the quick job (3 warm-ups, 10 iterations of 120 ms),\n" +
        "a look after each round, a stop once the verdict is decided. The\n" +
        "default, one round, is the quick job's budget; --max-rounds 5 is\n" +
        "an ab of about 10 minutes over the headline cases. Every comparison\n" +
        "is judged by the same rule as compare and ab. Prints false alarms\n" +
        "out of the A/A comparisons, detections out of the A/B ones, and the\n" +
        "load average. Always exits 0.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "examples:\n  nvbench canary --runs 10\n  nvbench canary --runs 10 --slowdown 2 --max-rounds 5\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        int runs = parsed.GetInt32("runs", 10, 1, 1000);
        int slowdown = WholePercent(parsed, "slowdown", 5);
        double iterationNs = parsed.GetTime("iteration-ms", 120e6, "ms", 1e6, 10_000e6);
        SequentialPlan plan = ComparisonCommandLine.ReadRounds(parsed, defaultMin: 1, defaultMax: 1, limit: 100);
        ComparisonOptions verdict = ComparisonCommandLine.ReadVerdict(parsed) with { Looks = plan.Looks };
        Func<int, double[]> measure = sampleOverride ?? new CanarySampler(TimeSpan.FromMilliseconds(iterationNs / 1e6)).Sample;

        // Cooperative: a signal stops the loop after the side being sampled (about 1.5 s at most).
        using LongVerb verb = LongVerb.Begin(context, cooperative: true);
        double[] Sample(int slowdownPercent)
        {
            verb.Interruption.ThrowIfRequested();
            return measure(slowdownPercent);
        }

        // One discarded side first: the first samples of a fresh process run tier-0 and OSR code
        // (measured: the first A/A pair came out 26% "faster" without it), which BenchmarkDotNet's
        // jitting stage would also have absorbed.
        Sample(0);
        string loadBefore = LoadAverage();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pairs = new List<CanaryPair>();
        for (int i = 0; i < 2 * runs; i++)
        {
            int candidate = i % 2 == 0 ? 0 : slowdown;
            (SampleComparison comparison, int rounds) = CanarySession.Run(Sample, candidate, plan, verdict);
            var pair = new CanaryPair(i + 1, candidate, comparison, rounds);
            pairs.Add(pair);
            context.Error.WriteLine(Line(pair));
        }

        context.Out.Write(Format(pairs, slowdown, iterationNs / 1e6, plan, verdict, loadBefore, LoadAverage(), clock.Elapsed));
        return 0;
    }

    /// <summary>The report: one line per comparison, then the two totals.</summary>
    /// <param name="pairs">Comparisons in run order.</param>
    /// <param name="slowdown">The A/B slowdown in percent.</param>
    /// <param name="iterationMs">Iteration length used.</param>
    /// <param name="plan">Rounds.</param>
    /// <param name="verdict">The verdict's options (looks set).</param>
    /// <param name="loadBefore">Load average at the start.</param>
    /// <param name="loadAfter">Load average at the end.</param>
    /// <param name="elapsed">Wall time of all comparisons.</param>
    public static string Format(IReadOnlyList<CanaryPair> pairs, int slowdown, double iterationMs, SequentialPlan plan, ComparisonOptions verdict, string loadBefore, string loadAfter, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(verdict);
        var text = new StringBuilder();
        string rounds = plan.MinRounds == plan.MaxRounds ? $"{plan.MaxRounds} round(s)" : $"{plan.MinRounds} to {plan.MaxRounds} rounds";
        text.Append(CultureInfo.InvariantCulture,
            $"Canary: A/A and A/A+{slowdown}% comparisons, {rounds} of one side each (ABBA),\n");
        text.Append(CultureInfo.InvariantCulture, $"each side 3 warm-ups + 10 x {iterationMs} ms.\n");
        text.Append(VerdictText.Method(verdict)).Append(".\n");
        text.Append(CultureInfo.InvariantCulture, $"Load average (1/5/15 min): {loadBefore} at start, {loadAfter} at end; {Environment.ProcessorCount} CPUs; {elapsed.TotalSeconds:0} s.\n\n");
        foreach (CanaryPair pair in pairs)
            text.Append(Line(pair)).Append('\n');

        int aa = 0, ab = 0, alarms = 0, detections = 0, aaRounds = 0, abRounds = 0;
        var aaRatios = new List<double>();
        var abRatios = new List<double>();
        foreach (CanaryPair pair in pairs)
        {
            if (pair.IsAa)
            {
                aa++;
                alarms += pair.FalseAlarm ? 1 : 0;
                aaRatios.Add(pair.Comparison.Ratio);
                aaRounds += pair.Rounds;
            }
            else
            {
                ab++;
                detections += pair.Detected ? 1 : 0;
                abRatios.Add(pair.Comparison.Ratio);
                abRounds += pair.Rounds;
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nA/A:     {alarms} false alarm(s) in {aa} (median ratio {SampleMedian.Of(aaRatios):0.000}, {Mean(aaRounds, aa):0.#} rounds on average)\n");
        text.Append(CultureInfo.InvariantCulture, $"A/A+{slowdown}%: {detections} detection(s) in {ab} (median ratio {SampleMedian.Of(abRatios):0.000}, {Mean(abRounds, ab):0.#} rounds on average)\n");
        return text.ToString();
    }

    private static double Mean(int total, int count) => count == 0 ? double.NaN : total / (double)count;

    private static string Line(CanaryPair pair)
    {
        SampleComparison c = pair.Comparison;
        string verdict = c.Verdict == ComparisonVerdict.Same && !c.Decided && c.Interval.IsBounded ? "unsure" : VerdictText.Of(c.Verdict);
        return string.Create(CultureInfo.InvariantCulture,
            $"{pair.Index,3}  {pair.Kind,-8}  {c.BaselineMedianNs,8:0.0} ns  {c.CandidateMedianNs,8:0.0} ns  {NumberText.Factor(c.Ratio)}  {VerdictText.Interval(c.Interval)}  {pair.Rounds,2} rd  {verdict}");
    }


    private static string LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : "unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    // The canary's slowdown is a whole number of percent (Canary.StepsFor is exact for those).
    private static int WholePercent(ParsedArguments parsed, string name, int defaultPercent)
    {
        double percent = parsed.GetPercent(name, defaultPercent, 1, 100);
        return percent == Math.Floor(percent)
            ? (int)percent
            : throw new UsageException($"option --{name}: {parsed.GetString(name)} is not a whole percentage");
    }
}
