using System.Globalization;
using System.Text;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The summary a person reads at the end of a run, in plain text under 72 columns: relay against
/// reflection, EPT against NPT, the generic walker against the hand-written one, and the
/// allocation check. Medians throughout; "model" marks numbers that are counters × cost table.
/// </summary>
public static class RunSummary
{
    /// <summary>Formats the summary of <paramref name="envelope"/>.</summary>
    public static string Format(ResultsEnvelope envelope)
    {
        var text = new StringBuilder();
        var results = envelope.Benchmarks;
        AppendRelay(text, results);
        AppendWalks(text, results);
        AppendAgainstC(text, results);
        AppendSpecialisation(text, results);
        AppendExits(text, results);
        AppendAllocations(text, results);
        text.AppendLine(Invariant($"Modelled latencies use cost table '{envelope.CostTable.Name}'"));
        text.AppendLine(envelope.CostTable.Calibrated
            ? "(calibrated on this machine)."
            : "(published figures, not measured here; see README).");
        return text.ToString();
    }

    private static void AppendRelay(StringBuilder text, List<BenchmarkResult> results)
    {
        var rows = new List<string[]>();
        foreach (string vendor in new[] { "Vmx", "Svm" })
        {
            foreach (string call in new[] { "HvPostMessage", "HvSignalEvent" })
            {
                var relay = Find(results, "RelayVsReflection", ("Vendor", vendor), ("Call", call), ("Path", "Relay"), ("Clean", "True"));
                var reflect = Find(results, "RelayVsReflection", ("Vendor", vendor), ("Call", call), ("Path", "Reflect"), ("Clean", "True"));
                if (relay is null || reflect is null)
                    continue;
                rows.Add([vendor.ToUpperInvariant(), call, Ns(relay.MedianNs), Ns(reflect.MedianNs),
                    Ratio(reflect.MedianNs / relay.MedianNs), Model(relay.ModelledNs), Model(reflect.ModelledNs)]);
            }
        }
        if (rows.Count == 0)
            return;
        text.AppendLine("Relay vs reflection: one L2 hypercall exit to completion");
        text.AppendLine("(median ns here; model = ns on hardware from counters)");
        AppendTable(text, ["vendor", "call", "relay", "reflect", "x", "model", "model"], rows);
        text.AppendLine();
    }

    private static void AppendWalks(StringBuilder text, List<BenchmarkResult> results)
    {
        var rows = new List<string[]>();
        foreach (var ept in results)
        {
            if (ept.Suite != "NestedWalk" || Param(ept, "Format") != "Ept")
                continue;
            var npt = Find(results, "NestedWalk", ("Format", "Npt"), ("Levels", Param(ept, "Levels")),
                ("PageSize", Param(ept, "PageSize")), ("Dimension", Param(ept, "Dimension")), ("Caches", Param(ept, "Caches")));
            if (npt is null)
                continue;
            string label = $"{(Param(ept, "Dimension") == "OneD" ? "1-D" : "2-D")} {Param(ept, "Levels")}L {Size(Param(ept, "PageSize"))} {Param(ept, "Caches").ToLowerInvariant()}";
            rows.Add([label, Ns(ept.MedianNs), Ns(npt.MedianNs), Ratio(npt.MedianNs / ept.MedianNs),
                Refs(ept), Refs(npt)]);
        }
        if (rows.Count == 0)
            return;
        text.AppendLine("EPT vs NPT: ns per walk (median) and entries read");
        AppendTable(text, ["walk", "EPT", "NPT", "NPT/EPT", "refs", "refs"], rows);
        text.AppendLine();
    }

    private static void AppendAgainstC(StringBuilder text, List<BenchmarkResult> results)
    {
        var rows = new List<string[]>();
        foreach (var managed in results)
        {
            if (managed.Suite != "WalkVsC" || managed.Method != "CSharp")
                continue;
            var c = results.Find(r => r.Suite == "WalkVsC" && r.Method == "C"
                && Param(r, "Format") == Param(managed, "Format") && Param(r, "Dimension") == Param(managed, "Dimension"));
            if (c is null)
                continue;
            double ratio = managed.RatioToBaseline ?? managed.MedianNs / c.MedianNs;
            string walk = Param(managed, "Dimension") == "OneD" ? "1-D" : "2-D 4/4";
            rows.Add([walk, Param(managed, "Format").ToUpperInvariant(), Ns(managed.MedianNs), Ns(c.MedianNs), Ratio(ratio)]);
        }
        if (rows.Count == 0)
            return;
        text.AppendLine("C# walker vs plain C (cc -O2), same tables and stream, one run:");
        text.AppendLine("ns per walk (median), 4 levels, 4K pages, no TLB, hot CPU caches");
        AppendTable(text, ["walk", "table", "C#", "C", "C#/C"], rows);
        text.AppendLine();
    }

    private static void AppendSpecialisation(StringBuilder text, List<BenchmarkResult> results)
    {
        var generic = results.Find(r => r.Suite == "WalkerSpecialisation" && r.Method == "Generic");
        var hand = results.Find(r => r.Suite == "WalkerSpecialisation" && r.Method == "HandSpecialised");
        if (generic is null || hand is null)
            return;
        double ratio = generic.RatioToBaseline ?? generic.MedianNs / hand.MedianNs;
        text.AppendLine(Invariant($"Generic walker {Ns(generic.MedianNs)} ns vs hand-written {Ns(hand.MedianNs)} ns per 1-D EPT walk, same A/D work: {Ratio(ratio)}"));
        text.AppendLine();
    }

    private static void AppendExits(StringBuilder text, List<BenchmarkResult> results)
    {
        var vmx = Find(results, "ExitRouting", ("Vendor", "Vmx"));
        var svm = Find(results, "ExitRouting", ("Vendor", "Svm"));
        if (vmx is not null && svm is not null)
            text.AppendLine(Invariant($"Exit routing (L0 or L1), ns per exit of the mix: VMX {Ns(vmx.MedianNs)}, SVM {Ns(svm.MedianNs)}"));
        var dispatch = results.FindAll(r => r.Suite == "ExitDispatch");
        if (dispatch.Count > 0)
        {
            var parts = dispatch.ConvertAll(r => $"{Param(r, "Strategy")} {Ns(r.MedianNs)}");
            text.AppendLine("Route and dispatch, ns per exit: " + string.Join(", ", parts));
        }
        if (vmx is not null || dispatch.Count > 0)
            text.AppendLine();
    }

    private static void AppendAllocations(StringBuilder text, List<BenchmarkResult> results)
    {
        var allocating = results.FindAll(r => r.AllocatedBytesPerOp is > 0);
        int measured = results.Count(r => r.AllocatedBytesPerOp is not null);
        if (allocating.Count == 0)
        {
            text.AppendLine(Invariant($"Allocation check: OK, {measured} of {results.Count} cases measured, all 0 B/op."));
        }
        else
        {
            text.AppendLine(Invariant($"Allocation check: FAILED, {allocating.Count} case(s) allocate:"));
            foreach (var r in allocating)
                text.AppendLine(Invariant($"  {r.AllocatedBytesPerOp} B/op  {r.Id}"));
        }
    }

    /// <summary>True when any case allocated.</summary>
    public static bool AnyAllocation(ResultsEnvelope envelope) => envelope.Benchmarks.Exists(r => r.AllocatedBytesPerOp is > 0);

    private static BenchmarkResult? Find(List<BenchmarkResult> results, string suite, params (string Name, string Value)[] parameters) =>
        results.Find(r => r.Suite == suite && Array.TrueForAll(parameters, p => Param(r, p.Name) == p.Value));

    private static string Param(BenchmarkResult result, string name) =>
        result.Parameters.TryGetValue(name, out string? value) ? value : "";

    private static void AppendTable(StringBuilder text, string[] header, List<string[]> rows)
    {
        var widths = new int[header.Length];
        foreach (var row in rows.Prepend(header))
            for (int i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        foreach (var row in rows.Prepend(header))
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append("  ");
                line.Append(i < 2 ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]));
            }
            text.AppendLine(line.ToString().TrimEnd());
        }
    }

    private static string Ns(double ns) => ns < 100
        ? ns.ToString("0.0", CultureInfo.InvariantCulture)
        : ns.ToString("0", CultureInfo.InvariantCulture);

    private static string Model(double? ns) => ns is null ? "-" : ns.Value.ToString("0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Refs(BenchmarkResult result) =>
        result.Counters.TryGetValue("GuestEntriesRead", out double refs) ? refs.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static string Size(string pageSize) => pageSize switch
    {
        "Size4K" => "4K",
        "Size2M" => "2M",
        "Size1G" => "1G",
        _ => pageSize,
    };

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
