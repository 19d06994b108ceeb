using NestedVirt.Benchmarks.Canary;
using System.Globalization;
using System.Text;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench canary [--runs N]</c>: proves the regression detector on this machine. Runs N A/A
/// pairs (0% against 0%) and N A/B pairs (0% against the injected slowdown, 5% by default),
/// alternating, each side sampled like the quick job, and judges every pair with the harness's
/// own <see cref="TwoSampleComparer"/> and default options (5% threshold, 0.5 ns floor). Reports
/// false alarms among the A/A pairs and detections among the A/B pairs. Always exit 0: it
/// reports on the detector, it does not gate.
/// </summary>
public sealed class CanaryCommand : ICommand
{
    private readonly Func<int, double[]>? sampleOverride;
    private readonly OptionSet options = new OptionSet()
        .Option("runs", "N", "A/A pairs and as many A/B pairs (default 10)")
        .Option("slowdown", "PCT", "slowdown of side B, whole % (default 5%)")
        .Option("iteration-ms", "TIME", "one iteration, bare number in ms (default 120)");

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
        "usage: nvbench canary [--runs N] [--slowdown P]\n\n" +
        "Measures a fixed serial workload (the Canary benchmark) N times\n" +
        "against itself (A/A) and N times against itself with P% more of\n" +
        "the same work (A/B), alternating, each side sampled like the quick\n" +
        "job (3 warm-ups, 10 iterations of 120 ms), after one discarded side\n" +
        "that lets the JIT finish. Every pair is judged by\n" +
        "the same two-sample test as 'compare' (5% threshold, 0.5 ns floor,\n" +
        "alpha 0.05). Prints false alarms out of the A/A pairs, detections\n" +
        "out of the A/B pairs, and the load average. Always exits 0.\n\n" +
        "options:\n" + options.Describe() + "\n" +
        "example:\n  nvbench canary --runs 10\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        int runs = parsed.GetInt32("runs", 10, 1, 1000);
        int slowdown = WholePercent(parsed, "slowdown", 5);
        double iterationNs = parsed.GetTime("iteration-ms", 120e6, "ms", 1e6, 10_000e6);
        Func<int, double[]> sample = sampleOverride ?? new CanarySampler(TimeSpan.FromMilliseconds(iterationNs / 1e6)).Sample;

        // One discarded side first: the first samples of a fresh process run tier-0 and OSR code
        // (measured: the first A/A pair came out 26% "faster" without it), which BenchmarkDotNet's
        // jitting stage would also have absorbed.
        sample(0);
        string loadBefore = LoadAverage();
        var pairs = new List<CanaryPair>();
        for (int i = 0; i < 2 * runs; i++)
        {
            int candidate = i % 2 == 0 ? 0 : slowdown;
            double[] baseline = sample(0);
            double[] head = sample(candidate);
            var pair = new CanaryPair(i + 1, candidate, TwoSampleComparer.Compare(baseline, head, ComparisonOptions.Default));
            pairs.Add(pair);
            context.Error.WriteLine(Line(pair));
        }

        context.Out.Write(Format(pairs, slowdown, iterationNs / 1e6, loadBefore, LoadAverage()));
        return 0;
    }

    /// <summary>The report: one line per pair, then the two totals.</summary>
    /// <param name="pairs">Pairs in run order.</param>
    /// <param name="slowdown">The A/B slowdown in percent.</param>
    /// <param name="iterationMs">Iteration length used.</param>
    /// <param name="loadBefore">Load average at the start.</param>
    /// <param name="loadAfter">Load average at the end.</param>
    public static string Format(IReadOnlyList<CanaryPair> pairs, int slowdown, double iterationMs, string loadBefore, string loadAfter)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var text = new StringBuilder();
        ComparisonOptions o = ComparisonOptions.Default;
        text.Append(CultureInfo.InvariantCulture,
            $"Canary: A/A and A/A+{slowdown}% pairs, each side 3 warm-ups + 10 x {iterationMs} ms;\n");
        text.Append(CultureInfo.InvariantCulture,
            $"verdicts by TwoSampleComparer ({o.ThresholdPercent:0.##}% threshold, {o.NoiseFloorNs:0.##} ns floor, alpha {o.Alpha:0.##}).\n");
        text.Append(CultureInfo.InvariantCulture, $"Load average (1/5/15 min): {loadBefore} at start, {loadAfter} at end; {Environment.ProcessorCount} CPUs.\n\n");
        foreach (CanaryPair pair in pairs)
            text.Append(Line(pair)).Append('\n');

        int aa = 0, ab = 0, alarms = 0, detections = 0;
        var aaRatios = new List<double>();
        var abRatios = new List<double>();
        foreach (CanaryPair pair in pairs)
        {
            if (pair.IsAa)
            {
                aa++;
                alarms += pair.FalseAlarm ? 1 : 0;
                aaRatios.Add(pair.Comparison.Ratio);
            }
            else
            {
                ab++;
                detections += pair.Detected ? 1 : 0;
                abRatios.Add(pair.Comparison.Ratio);
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nA/A:     {alarms} false alarm(s) in {aa} (median ratio {SampleMedian.Of(aaRatios):0.000})\n");
        text.Append(CultureInfo.InvariantCulture, $"A/A+{slowdown}%: {detections} detection(s) in {ab} (median ratio {SampleMedian.Of(abRatios):0.000})\n");
        return text.ToString();
    }

    private static string Line(CanaryPair pair) => string.Create(CultureInfo.InvariantCulture,
        $"{pair.Index,3}  {pair.Kind,-8}  {pair.Comparison.BaselineMedianNs,9:0.0} ns  {pair.Comparison.CandidateMedianNs,9:0.0} ns  {pair.Comparison.Ratio:0.000}  {VerdictText.Of(pair.Comparison.Verdict)}");


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
