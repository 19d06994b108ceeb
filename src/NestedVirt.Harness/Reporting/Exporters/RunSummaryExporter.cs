using System.Globalization;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>
/// The summary a person reads at the end of a run, in plain text under 72 columns: relay
/// against reflection and EPT against NPT (the same tables the cover letter prints), the C#
/// walker against plain C, the generic walker against the hand-written one, exit routing and
/// dispatch, and the allocation check. Medians throughout; "model" marks numbers that are counters times the cost table.
/// </summary>
public sealed class RunSummaryExporter : IReportExporter
{
    private const int Width = 72;

    /// <inheritdoc/>
    public string Name => "summary";

    /// <inheritdoc/>
    public string FileExtension => "txt";

    /// <summary>True when any case allocated: the run fails its allocation check.</summary>
    /// <param name="run">The run.</param>
    public static bool AnyAllocation(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Benchmarks.Exists(r => r.AllocatedBytesPerOp is > 0);
    }

    /// <summary>The summary of a run as one string.</summary>
    /// <param name="run">The run.</param>
    public static string Format(ResultsEnvelope run)
    {
        var text = new StringWriter();
        new RunSummaryExporter().Export(ReportModel.Of(run), text);
        return text.ToString();
    }

    /// <inheritdoc/>
    public void Export(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        ResultsEnvelope run = model.Head;
        var lines = new List<string>();
        Section(lines, RelayVsReflectionTable.Lines(run, Width));
        Section(lines, EptVsNptTable.Lines(run, Width));
        Section(lines, WalkVsCTable.Lines(run, Width));
        Section(lines, Specialisation(run.Benchmarks));
        Section(lines, Exits(run.Benchmarks));
        lines.AddRange(Allocations(run.Benchmarks));
        lines.AddRange(Load(run));
        if (run.Toolchain is not null)
        {
            lines.Add(Invariant($"Job {run.Job}, {run.Toolchain} (BenchmarkDotNet {run.BenchmarkDotNetVersion ?? "?"})."));
        }

        lines.Add(Invariant($"Modelled latencies use cost table '{run.CostTable.Name}'"));
        lines.Add(run.CostTable.Calibrated ? "(calibrated on this machine)." : "(published figures, not measured here; see README).");
        foreach (string line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static void Section(List<string> lines, IReadOnlyList<string> section)
    {
        if (section.Count > 0)
        {
            lines.AddRange(section);
            lines.Add("");
        }
    }

    private static List<string> Specialisation(List<BenchmarkResult> results)
    {
        BenchmarkResult? generic = results.Find(r => r.Suite == "WalkerSpecialisation" && r.Method == "Generic");
        BenchmarkResult? hand = results.Find(r => r.Suite == "WalkerSpecialisation" && r.Method == "HandSpecialised");
        if (generic is null || hand is null)
        {
            return [];
        }

        double g = SampleMedian.Of(generic);
        double h = SampleMedian.Of(hand);
        double ratio = generic.RatioToBaseline ?? g / h;
        return [.. TextWrap.Wrap($"Generic walker {NumberText.Nanoseconds(g)} ns vs hand-written {NumberText.Nanoseconds(h)} ns per 1-D EPT walk, same A/D work: {NumberText.Ratio(ratio)}", Width, "  ")];
    }

    private static List<string> Exits(List<BenchmarkResult> results)
    {
        var lines = new List<string>();
        BenchmarkResult? vmx = Find(results, "ExitRouting", "Vendor", "Intel");
        BenchmarkResult? svm = Find(results, "ExitRouting", "Vendor", "Amd");
        if (vmx is not null && svm is not null)
        {
            lines.AddRange(TextWrap.Wrap($"Exit routing (L0 or L1), ns per exit of the mix: VMX {NumberText.Nanoseconds(SampleMedian.Of(vmx))}, SVM {NumberText.Nanoseconds(SampleMedian.Of(svm))}", Width, "  "));
        }

        List<BenchmarkResult> dispatch = results.FindAll(r => r.Suite == "ExitDispatch");
        if (dispatch.Count > 0)
        {
            IEnumerable<string> parts = dispatch.Select(r => $"{r.Parameters.GetValueOrDefault("Strategy", r.Method)} {NumberText.Nanoseconds(SampleMedian.Of(r))}");
            lines.AddRange(TextWrap.Wrap("Route and dispatch, ns per exit: " + string.Join(", ", parts), Width, "  "));
        }

        return lines;
    }

    private static List<string> Allocations(List<BenchmarkResult> results)
    {
        List<BenchmarkResult> allocating = results.FindAll(r => r.AllocatedBytesPerOp is > 0);
        int measured = results.Count(r => r.AllocatedBytesPerOp is not null);
        if (allocating.Count == 0)
        {
            return [Invariant($"Allocation check: OK, {measured} of {results.Count} cases measured, all 0 B/op.")];
        }

        var lines = new List<string> { Invariant($"Allocation check: FAILED, {allocating.Count} case(s) allocate:") };
        lines.AddRange(allocating.Select(r => Invariant($"  {r.AllocatedBytesPerOp} B/op  {r.Id}")));
        return lines;
    }

    // The load is in the results file; a reader of the summary should not have to look for it
    // (issue 11). A load of half the CPUs (at least 1) means other work shared the cores.
    private static List<string> Load(ResultsEnvelope run)
    {
        double? load = run.State.LoadAverage1;
        int cpus = run.Machine.LogicalCores;
        if (load is not double l || l < Math.Max(1.0, 0.5 * cpus))
        {
            return [];
        }

        return [.. TextWrap.Wrap(Invariant($"Warning: load average {l:0.##} on {cpus} CPU(s) at the start: other work shared the machine, so timings are noisy; compare revisions with 'ab'."), Width, "  ")];
    }

    private static BenchmarkResult? Find(List<BenchmarkResult> results, string suite, string parameter, string value) =>
        results.Find(r => r.Suite == suite && r.Parameters.GetValueOrDefault(parameter) == value);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
