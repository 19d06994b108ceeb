using System.Net;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Dashboard;

/// <summary>
/// The A/B evidence behind a shift: pooled runs that <c>ab --save</c> stored (job <c>ab</c>) of
/// the commit before the shift and of its first commit, the pair closest in time, compared with
/// the same rule as <c>compare</c> and written as a page of the site.
/// </summary>
internal static class AbEvidence
{
    /// <summary>Writes <c>ab/&lt;base&gt;--&lt;head&gt;.html</c> and returns its relative link, or null without such runs.</summary>
    public static string? Write(IReadOnlyList<StoredRun> abRuns, string before, string after, string output)
    {
        StoredRun? best = null, bestBase = null;
        foreach (StoredRun head in abRuns.Where(r => r.Envelope.Git.Commit == after))
        {
            foreach (StoredRun baseline in abRuns.Where(r => r.Envelope.Git.Commit == before))
            {
                if (best is null || Distance(baseline, head) < Distance(bestBase!, best))
                {
                    (best, bestBase) = (head, baseline);
                }
            }
        }

        if (best is null || bestBase is null)
        {
            return null;
        }

        string link = $"ab/{bestBase.Id}--{best.Id}.html";
        var text = new StringWriter();
        new ComparisonTextExporter().Export(ReportModel.Compare(bestBase.Envelope, best.Envelope, ComparisonOptions.Default), text);
        string page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ab evidence</title>"
            + "<link rel=\"stylesheet\" href=\"../site.css\"></head><body>\n"
            + $"<h1>ab evidence: {Html(bestBase.Envelope.Git.ShortCommit)} vs {Html(best.Envelope.Git.ShortCommit)}</h1>\n"
            + $"<p>Pooled runs {Html(bestBase.Id)} and {Html(best.Id)} of machine {Html(best.Envelope.MachineId)}, stored by <code>nvbench ab --save</code>.</p>\n"
            + $"<pre>{Html(text.ToString())}</pre>\n<p><a href=\"../index.html\">back</a></p>\n</body></html>\n";
        File.WriteAllText(Path.Combine(output, link), page, ResultsJson.Utf8);
        return link;
    }

    private static TimeSpan Distance(StoredRun a, StoredRun b) => (a.Envelope.TimestampUtc - b.Envelope.TimestampUtc).Duration();

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
