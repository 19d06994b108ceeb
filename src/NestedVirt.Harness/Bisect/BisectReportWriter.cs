using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Bisect;

/// <summary>
/// The bisect result as plain text fit for a mail: the first slower commit with its subject,
/// then the evidence of every step (verdict, ratio and interval of each chased benchmark),
/// ASCII, at most 72 columns.
/// </summary>
public static class BisectReportWriter
{
    private const int Width = 72;

    /// <summary>Formats the result.</summary>
    /// <param name="result">The bisect outcome.</param>
    /// <param name="filter">The benchmark filter used.</param>
    /// <param name="options">The verdict's options (for the method line).</param>
    /// <returns>Text ending in a newline.</returns>
    public static string Text(BisectResult result, string filter, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var lines = new List<string>();
        if (result.FirstBad is { } culprit)
        {
            lines.Add("First slower commit:");
            lines.AddRange(TextWrap.Wrap($"  {BisectSession.Short(culprit.Commit)} {culprit.Subject}", Width, "    "));
        }
        else
        {
            lines.AddRange(TextWrap.Wrap($"BAD {BisectSession.Short(result.Bad)} is not slower than GOOD {BisectSession.Short(result.Good)} on '{filter}': nothing to bisect.", Width));
        }

        lines.Add("");
        lines.AddRange(TextWrap.Wrap($"Searched {result.Candidates.Count} commit(s) after good {BisectSession.Short(result.Good)} up to bad {BisectSession.Short(result.Bad)} in {result.Steps.Count} step(s), benchmarks '{filter}'; each step is an ab of the commit against good.", Width));
        lines.AddRange(TextWrap.Wrap(VerdictText.Method(options) + ".", Width));
        lines.Add("");
        foreach (BisectStep step in result.Steps)
        {
            string role = step.Number == 0 ? " (bad)" : "";
            lines.AddRange(TextWrap.Wrap($"step {step.Number}: {BisectSession.Short(step.Commit)}{role} {step.Subject}", Width, "    "));
            lines.AddRange(TextWrap.Wrap($"  -> {(step.Bad ? "bad" : "good")}: {step.Reason}, {step.Rounds} round(s)", Width, "    "));
            var table = new TextTable(Width, "  ")
                .AddColumn("benchmark", TextAlignment.Left)
                .AddColumn("good ns", TextAlignment.Right)
                .AddColumn("ns", TextAlignment.Right)
                .AddColumn("ratio", TextAlignment.Right)
                .AddColumn("interval", TextAlignment.Right)
                .AddColumn("verdict", TextAlignment.Left);
            foreach (BenchmarkComparison b in step.Evidence)
            {
                table.AddRow([b.Key.Id, NumberText.Nanoseconds(b.BaseMedianNs), NumberText.Nanoseconds(b.HeadMedianNs),
                    NumberText.Factor(b.Ratio), VerdictText.Interval(b.Interval), VerdictText.Of(b)]);
            }

            lines.AddRange(table.RenderLines());
            lines.Add("");
        }

        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }
}
