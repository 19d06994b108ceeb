using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// What every report is made from: a head run and, for a comparison, its base and the verdicts
/// of head against base. Exporters (<see cref="Exporters.IReportExporter"/>) only read it, so the
/// terminal table, Markdown, JSON, the cover letter and the run summary never disagree.
/// </summary>
public sealed class ReportModel
{
    /// <summary>The run the report describes (head of a comparison).</summary>
    public required ResultsEnvelope Head { get; init; }

    /// <summary>The base run of a comparison, or null for a single run.</summary>
    public ResultsEnvelope? Base { get; init; }

    /// <summary>Head against base, or null for a single run.</summary>
    public ComparisonReport? Comparison { get; init; }

    /// <summary>A report on one run.</summary>
    /// <param name="run">The run.</param>
    public static ReportModel Of(ResultsEnvelope run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ReportModel { Head = run };
    }

    /// <summary>A report comparing <paramref name="head"/> against <paramref name="baseline"/>.</summary>
    /// <param name="baseline">The base run.</param>
    /// <param name="head">The head run.</param>
    /// <param name="options">Thresholds and policy.</param>
    /// <exception cref="MachineMismatchException">Different machines and cross-machine not allowed.</exception>
    public static ReportModel Compare(ResultsEnvelope baseline, ResultsEnvelope head, ComparisonOptions options) =>
        Of(baseline, head, new BenchmarkComparer(options).Compare(baseline, head));

    /// <summary>A report over a comparison already made (A/B sessions pool runs first).</summary>
    /// <param name="baseline">The base run.</param>
    /// <param name="head">The head run.</param>
    /// <param name="comparison">Head against base.</param>
    public static ReportModel Of(ResultsEnvelope baseline, ResultsEnvelope head, ComparisonReport comparison)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(comparison);
        return new ReportModel { Base = baseline, Head = head, Comparison = comparison };
    }

    /// <summary>The comparison, for exporters that only report comparisons.</summary>
    /// <param name="exporter">The exporter asking, for the message.</param>
    /// <exception cref="InvalidOperationException">The model holds a single run.</exception>
    public ComparisonReport RequireComparison(string exporter) =>
        Comparison ?? throw new InvalidOperationException($"The {exporter} exporter reports a comparison; this model holds one run.");
}
