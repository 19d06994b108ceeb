using System.Globalization;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Gate;

/// <summary>
/// Compares a gate measurement against the baseline: model counters exactly (they are
/// deterministic event counts, so any change is a model change), and instruction counts exactly
/// too (one process, windows between marks: they repeat to the instruction, docs/verdicts.md),
/// or within a relative threshold when one is asked for, and only when both were counted with the
/// same runtime, ISA pin and setup.
/// </summary>
public static class GateComparer
{
    /// <summary>The default instruction threshold: 0, exact. Counts repeat to the instruction between runs of the same setup.</summary>
    public const double DefaultThresholdPercent = 0;

    /// <summary>
    /// The tolerance of a default (exact) gate when the baseline was counted on another CPU
    /// model with the same runtime and ISA pin: 0.1 %. Counts repeat to the instruction on one
    /// machine, but exactness across CPU models is not measured (one machine here), and code
    /// outside the JIT's pin can still choose its path by CPU (glibc picks its memmove and memset
    /// by CPUID). Before the pin, an AMD EPYC and an Intel Xeon agreed within 0.05 % (418.0 vs
    /// 418.0 per 1-D walk, 1299.9 vs 1300.0 per VMX relay: issue 10); 0.1 % is twice that.
    /// </summary>
    public const double CrossCpuTolerancePercent = 0.1;

    /// <summary>What a missing value prints as.</summary>
    public const string Absent = "absent";

    /// <summary>
    /// Why instruction counts cannot be compared with <paramref name="baseline"/> on a machine
    /// running <paramref name="runtime"/> on <paramref name="cpu"/>, or null when they can.
    /// </summary>
    /// <param name="baseline">The committed baseline.</param>
    /// <param name="runtime">This machine's runtime.</param>
    /// <param name="cpu">This machine's CPU model.</param>
    public static string? InstructionSkipReason(GateBaseline baseline, string runtime, string cpu) =>
        InstructionSkipReason(baseline, runtime, cpu, Instructions.InstructionMachine.Isa);

    /// <summary>
    /// As <see cref="InstructionSkipReason(GateBaseline, string, string)"/> with the ISA pin of
    /// this machine's counts: a baseline with a pin is comparable on any CPU with the same
    /// runtime and pin (every x86-64 machine); one without is comparable on its CPU model only.
    /// </summary>
    /// <param name="baseline">The committed baseline.</param>
    /// <param name="runtime">This machine's runtime.</param>
    /// <param name="cpu">This machine's CPU model.</param>
    /// <param name="isa">This machine's ISA pin.</param>
    public static string? InstructionSkipReason(GateBaseline baseline, string runtime, string cpu, string isa)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Instructions.Count == 0)
        {
            return "the baseline has none" + (baseline.InstructionsNote is null ? "" : $" ({baseline.InstructionsNote})");
        }

        if (baseline.Isa is not null)
        {
            return baseline.Runtime == runtime && baseline.Isa == isa
                ? null
                : $"the baseline was counted on {baseline.Runtime} / {baseline.Isa}, this machine is {runtime} / {isa}, " +
                  "and instruction counts depend on the JIT and the instruction sets it may use";
        }

        if (baseline.Runtime != runtime || baseline.Cpu != cpu)
        {
            return $"the baseline was counted on {baseline.Runtime} / {baseline.Cpu}, this machine is {runtime} / {cpu}, " +
                "and instruction counts depend on the JIT and the CPU";
        }

        return null;
    }

    /// <summary>Compares <paramref name="now"/> against <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The committed baseline.</param>
    /// <param name="now">This run's measurement.</param>
    /// <param name="thresholdPercent">Largest accepted relative change of instructions per operation.</param>
    public static GateReport Compare(GateBaseline baseline, GateBaseline now, double thresholdPercent = DefaultThresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(now);
        var differences = new List<GateDifference>();
        var notes = new List<string>();
        int cases = CompareCounters(baseline, now, differences);

        string? skip = InstructionSkipReason(baseline, now.Runtime, now.Cpu, now.Isa ?? Instructions.InstructionMachine.Isa);
        if (skip is null && now.Instructions.Count > 0 && baseline.InstructionSetup != now.InstructionSetup)
        {
            skip = baseline.InstructionSetup is null
                ? "the baseline's counts predate exact counting (no setup recorded); update the baseline"
                : $"counted with a different setup (baseline '{baseline.InstructionSetup}', now '{now.InstructionSetup}')";
        }

        if (skip is null && now.Instructions.Count == 0)
        {
            skip = "not counted now" + (now.InstructionsNote is null ? "" : $" ({now.InstructionsNote})");
        }

        int compared = 0;
        double largest = 0;
        if (skip is not null)
        {
            notes.Add($"instruction counts skipped: {skip}; counters compared only.");
        }
        else
        {
            if (thresholdPercent == 0 && !string.Equals(baseline.Cpu, now.Cpu, StringComparison.Ordinal))
            {
                thresholdPercent = CrossCpuTolerancePercent;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"instruction counts compared within {CrossCpuTolerancePercent} %, not exactly: the baseline was counted on {baseline.Cpu}, this machine is {now.Cpu} (docs/verdicts.md, \"Exact instruction counts\")."));
            }

            (compared, largest) = CompareInstructions(baseline, now, thresholdPercent, differences);
        }

        return new GateReport
        {
            Differences = differences,
            Notes = notes,
            CasesCompared = cases,
            InstructionsCompared = compared,
            InstructionThresholdPercent = thresholdPercent,
            LargestInstructionChangePercent = largest,
        };
    }

    private static int CompareCounters(GateBaseline baseline, GateBaseline now, List<GateDifference> differences)
    {
        var ids = new SortedSet<string>(baseline.Counters.Keys, StringComparer.Ordinal);
        ids.UnionWith(now.Counters.Keys);
        int compared = 0;
        foreach (string id in ids)
        {
            bool inBase = baseline.Counters.TryGetValue(id, out SortedDictionary<string, double>? b);
            bool inNow = now.Counters.TryGetValue(id, out SortedDictionary<string, double>? n);
            if (!inBase || !inNow)
            {
                differences.Add(new GateDifference(id, "(case)", inBase ? "present" : Absent, inNow ? "present" : Absent, "-"));
                continue;
            }

            compared++;
            foreach (CounterChange change in BenchmarkComparer.CompareCounters(b!, n!))
            {
                string delta = change.BaseValue is double x && change.HeadValue is double y ? Signed(y - x) : "-";
                differences.Add(new GateDifference(id, change.Name, Number(change.BaseValue), Number(change.HeadValue), delta));
            }
        }

        return compared;
    }

    private static (int Compared, double Largest) CompareInstructions(GateBaseline baseline, GateBaseline now, double thresholdPercent, List<GateDifference> differences)
    {
        var ids = new SortedSet<string>(baseline.Instructions.Keys, StringComparer.Ordinal);
        ids.UnionWith(now.Instructions.Keys);
        int compared = 0;
        double largest = 0;
        foreach (string id in ids)
        {
            bool inBase = baseline.Instructions.TryGetValue(id, out double b);
            bool inNow = now.Instructions.TryGetValue(id, out double n);
            if (!inBase || !inNow)
            {
                differences.Add(new GateDifference(id, "instructions/op", inBase ? Instr(b) : Absent, inNow ? Instr(n) : Absent, "-"));
                continue;
            }

            compared++;
            double percent = b != 0 ? (n - b) / Math.Abs(b) * 100 : (n == 0 ? 0 : double.PositiveInfinity);
            if (Math.Abs(percent) > Math.Abs(largest))
            {
                largest = percent;
            }

            bool changed = thresholdPercent == 0 ? !b.Equals(n) : Math.Abs(percent) > thresholdPercent;
            if (changed)
            {
                differences.Add(new GateDifference(id, "instructions/op", Instr(b), Instr(n),
                    string.Create(CultureInfo.InvariantCulture, $"{Signed(n - b, "0.######")} ({percent:+0.0000;-0.0000}%)")));
            }
        }

        return (compared, largest);
    }

    private static string Number(double? value) =>
        value is double v ? v.ToString("0.######", CultureInfo.InvariantCulture) : Absent;

    // Six decimals: one instruction over 50,000 operations is 0.00002 per operation.
    private static string Instr(double value) => value.ToString("0.0#####", CultureInfo.InvariantCulture);

    private static string Signed(double value, string format = "0.######") =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);
}
