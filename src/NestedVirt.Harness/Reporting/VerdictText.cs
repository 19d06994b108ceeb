using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>The words every report uses for verdicts and for the test that produced them.</summary>
public static class VerdictText
{
    /// <summary>One lowercase word (or two) for a verdict: faster, slower, same, too few.</summary>
    /// <param name="verdict">The verdict.</param>
    public static string Of(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Faster => "faster",
        ComparisonVerdict.Slower => "slower",
        ComparisonVerdict.Same => "same",
        ComparisonVerdict.InsufficientData => "too few",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>
    /// The verdict cell of a comparison: as <see cref="Of(ComparisonVerdict)"/>, but "unsure" for
    /// a "same" whose interval still reaches past a limit (more samples could flag it).
    /// </summary>
    /// <param name="comparison">The benchmark's comparison.</param>
    public static string Of(BenchmarkComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Verdict == ComparisonVerdict.Same && !comparison.Decided && comparison.Interval.IsBounded ? "unsure" : Of(comparison.Verdict);
    }

    /// <summary>The interval cell: <c>0.991-1.004</c>, or <c>-</c> when unbounded.</summary>
    /// <param name="interval">The interval.</param>
    public static string Interval(RatioInterval interval) =>
        interval.IsBounded ? $"{NumberText.Factor(interval.Lower)}-{NumberText.Factor(interval.Upper)}" : "-";

    /// <summary>
    /// The delta cell: a signed percentage only for a significant change, otherwise <c>-</c>,
    /// so that a tiny, meaningless percentage is never quoted (KVM list convention).
    /// </summary>
    /// <param name="comparison">The benchmark's comparison.</param>
    public static string Delta(BenchmarkComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Verdict is ComparisonVerdict.Faster or ComparisonVerdict.Slower
            ? NumberText.Delta(comparison.Ratio)
            : "-";
    }

    /// <summary>The test and thresholds in one sentence, without a final period.</summary>
    /// <param name="options">The thresholds.</param>
    public static string Method(ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string looks = options.Looks > 1 ? $" split over {options.Looks} looks" : "";
        return $"ratio = Hodges-Lehmann head/base with its {NumberText.Plain(options.IntervalConfidence * 100, 4)}% interval; "
            + $"flagged when the interval lies past {NumberText.Plain(options.MinEffectPercent)}% and {NumberText.Plain(options.NoiseFloorNs)} ns, "
            + $"Holm over all benchmarks, family-wise alpha {NumberText.Plain(options.Alpha, 4)}{looks}; "
            + $"\"unsure\" = interval reaches past a limit, \"too few\" = under {options.MinimumSamplesPerSide} samples on a side";
    }

    /// <summary>The one-line counts summary, e.g. <c>1 slower, 2 faster, 10 same, 0 too few</c>.</summary>
    /// <param name="report">The comparison.</param>
    public static string Summary(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{report.Count(ComparisonVerdict.Slower)} slower, {report.Count(ComparisonVerdict.Faster)} faster, "
            + $"{report.Count(ComparisonVerdict.Same) - report.Unsure} same, {report.Unsure} unsure, {report.Count(ComparisonVerdict.InsufficientData)} too few; "
            + $"{report.ModelChanges.Count} model change(s), {report.Added.Count} added, {report.Removed.Count} removed";
    }

    /// <summary>The cross-machine warning line, or null when both sides come from the same machine.</summary>
    /// <param name="report">The comparison.</param>
    public static string? CrossMachine(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.CrossMachine
            ? $"CROSS-MACHINE: base ran on {report.BaseMachineId}, head on {report.HeadMachineId}; timings are not comparable."
            : null;
    }

    /// <summary>Counter changes of one benchmark as <c>name base -> head</c> items.</summary>
    /// <param name="change">The model change.</param>
    public static string Counters(ModelChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var items = new List<string>(change.Changes.Count);
        foreach (CounterChange c in change.Changes)
        {
            if (c.Name != BenchmarkComparer.InstructionsCounter)
            {
                items.Add($"{c.Name} {Value(c.BaseValue)} -> {Value(c.HeadValue)}");
                continue;
            }

            // Exact counts: six decimals, so one instruction over 50,000 operations shows.
            string delta = c.BaseValue is double b && c.HeadValue is double h ? $" ({(h >= b ? "+" : "")}{NumberText.Plain(h - b, 6)}/op)" : "";
            items.Add($"{c.Name} {Value(c.BaseValue, 6)} -> {Value(c.HeadValue, 6)}{delta}");
        }

        return string.Join(", ", items);
    }

    /// <summary><c>shift at &lt;commit&gt;: +x% (a -&gt; b ns, slower)</c> for one change point (history, dashboard).</summary>
    /// <param name="changePoint">The shift.</param>
    public static string Shift(ChangePoint changePoint)
    {
        ArgumentNullException.ThrowIfNull(changePoint);
        return $"shift at {changePoint.Commit}: {NumberText.Delta(changePoint.Ratio)} "
            + $"({NumberText.Nanoseconds(changePoint.BeforeMedianNs)} -> {NumberText.Nanoseconds(changePoint.AfterMedianNs)} ns, {Of(changePoint.Verdict)})";
    }

    private static string Value(double? value, int decimals = 3) => value is { } v ? NumberText.Plain(v, decimals) : "none";
}
