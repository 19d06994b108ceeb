using System.Net;
using System.Text;
using NestedVirt.Harness.History;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Dashboard;

/// <summary>Renders <c>index.html</c>: one section per machine, one <c>figure.trend-chart</c> per machine and suite.</summary>
internal static class HtmlDashboard
{
    /// <summary>The page.</summary>
    public static string Render(IReadOnlyList<MachineSection> sections, CommitLinks links, int lastCommits)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>nvbench dashboard</title>\n");
        html.Append("<link rel=\"stylesheet\" href=\"site.css\">\n</head>\n<body>\n<h1>nvbench dashboard</h1>\n");
        html.Append($"<p>{sections.Count} machine(s); charts show each machine's last {lastCommits} commit(s), median per commit with the min-max band; "
            + "red dashed lines are confirmed shifts (EdPelt, confirmed by the two-sample test), grey ones unconfirmed candidates. "
            + "Machines are never pooled.</p>\n");
        html.Append("<p><label>Filter charts: <input id=\"filter\" type=\"search\" placeholder=\"suite or machine\"></label></p>\n");
        if (sections.Count > 1)
        {
            SideBySide(html, sections);
        }

        foreach (MachineSection section in sections)
        {
            Machine(html, section, links);
        }

        html.Append("<script src=\"site.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void SideBySide(StringBuilder html, IReadOnlyList<MachineSection> sections)
    {
        html.Append("<h2 id=\"side-by-side\">Machines side by side</h2>\n<p>Median ns/op at each machine's latest commit; a dash where a machine never ran the case.</p>\n");
        var text = new StringWriter();
        CrossMachineTable.Write(sections.Select(s => new MachineHistory(s.Latest.Machine, s.History)).ToList(), text);
        html.Append("<pre>").Append(H(text.ToString())).Append("</pre>\n");
    }

    private static void Machine(StringBuilder html, MachineSection section, CommitLinks links)
    {
        ResultsEnvelope latest = section.Latest;
        html.Append($"<h2 id=\"{H(section.MachineId)}\">{H(section.MachineId)}</h2>\n");
        html.Append($"<p>{H(CrossMachineTable.Describe(latest.Machine))}; {section.History.Commits.Count} commit(s) shown; "
            + $"latest run {H(latest.Git.ShortCommit)} at {H(latest.TimestampUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))} UTC, job {H(latest.Job)}.</p>\n");
        Table(html, "Relay vs reflection, latest run (median ns/op)", RelayVsReflectionTable.Cells(latest));
        Table(html, "EPT vs NPT nested walk, latest run (median ns/op)", EptVsNptTable.Cells(latest));
        foreach ((string suite, string svg) in section.Charts)
        {
            html.Append($"<h3>{H(suite)}</h3>\n");
            html.Append($"<figure class=\"trend-chart\" data-machine=\"{H(section.MachineId)}\" data-suite=\"{H(suite)}\">\n");
            html.Append(svg[(svg.IndexOf("<svg", StringComparison.Ordinal))..]);
            html.Append("</figure>\n");
            if (section.Shifts.TryGetValue(suite, out List<ChangePointLink>? shifts))
            {
                Shifts(html, shifts, links);
            }
        }
    }

    private static void Shifts(StringBuilder html, List<ChangePointLink> shifts, CommitLinks links)
    {
        html.Append("<ul class=\"shifts\">\n");
        foreach (ChangePointLink shift in shifts)
        {
            string commit = H(shift.Commit[..Math.Min(12, shift.Commit.Length)]);
            string commitHtml = links.Url(shift.Commit) is { } url ? $"<a class=\"commit\" href=\"{H(url)}\">{commit}</a>" : $"<code>{commit}</code>";
            string subject = links.Subject(shift.Commit) is { } s ? $" &ldquo;{H(s)}&rdquo;" : "";
            string evidence = shift.AbEvidence is { } link
                ? $"<a class=\"ab\" href=\"{H(link)}\">ab evidence</a>"
                : $"<span class=\"muted\">no ab evidence yet: <code>nvbench ab {H(shift.Before[..Math.Min(12, shift.Before.Length)])} {commit} --save</code></span>";
            html.Append($"<li class=\"{(shift.Slower ? "slower" : "faster")}\">{H(shift.Benchmark)}: {H(shift.Text)}; commit {commitHtml}{subject}; {evidence}</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Table(StringBuilder html, string caption, (string[] Header, List<string[]> Rows)? table)
    {
        if (table is not { } t)
        {
            return;
        }

        html.Append($"<table>\n<caption>{H(caption)}</caption>\n<tr>");
        foreach (string head in t.Header)
        {
            html.Append($"<th>{H(head)}</th>");
        }

        html.Append("</tr>\n");
        foreach (string[] row in t.Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Length; c++)
            {
                html.Append(c >= row.Length - 3 ? $"<td class=\"n\">{H(row[c])}</td>" : $"<td>{H(row[c])}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
