using NestedVirt.Harness.Cli;
using NestedVirt.Harness.History;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Dashboard;

/// <summary>
/// <c>report --html</c>: a static site (open <c>index.html</c>, no server) with, per machine, the
/// latest relay-vs-reflection and EPT-vs-NPT tables and per suite the trend chart of the last
/// commits with its confirmed shifts, each linked to its commit and, when <c>ab --save</c> stored
/// pooled runs of the pair, to a page with that A/B comparison. Machines get sections of their
/// own and a side-by-side table: never pooled.
/// </summary>
public static class DashboardSite
{
    /// <summary>Writes the site and returns the machine sections it holds.</summary>
    /// <param name="index">The results index.</param>
    /// <param name="machines">Machines to show.</param>
    /// <param name="order">Commit order.</param>
    /// <param name="output">The site folder (created).</param>
    /// <param name="lastCommits">How many of the newest commits each chart shows.</param>
    /// <param name="links">Commit URLs and subjects.</param>
    internal static IReadOnlyList<MachineSection> Write(
        ResultsIndex index, IReadOnlyList<string> machines, ICommitOrder order, string output, int lastCommits, Func<IEnumerable<string>, CommitLinks> links)
    {
        Directory.CreateDirectory(Path.Combine(output, "ab"));
        var sections = new List<MachineSection>();
        foreach (string machine in machines)
        {
            IReadOnlyList<StoredRun> stored = index.LoadRuns(machine);
            if (stored.Count > 0)
            {
                sections.Add(Section(index, machine, stored, order, output, lastCommits));
            }
        }

        CommitLinks commitLinks = links(sections.SelectMany(s => s.Shifts.Values.SelectMany(l => l)).Select(l => l.Commit));
        Write(Path.Combine(output, "index.html"), HtmlDashboard.Render(sections, commitLinks, lastCommits));
        Write(Path.Combine(output, "site.css"), SiteAssets.Css);
        Write(Path.Combine(output, "site.js"), SiteAssets.Js);
        Write(Path.Combine(output, "site.json"), ResultsJson.Serialize(sections.Select(s => new
        {
            machine = s.MachineId,
            suites = s.Charts.Select(c => c.Suite).ToArray(),
            shifts = s.Shifts.Values.Sum(l => l.Count),
        }).ToArray()));
        return sections;
    }

    private static MachineSection Section(ResultsIndex index, string machine, IReadOnlyList<StoredRun> stored, ICommitOrder order, string output, int lastCommits)
    {
        List<ResultsEnvelope> runs = stored.Select(r => r.Envelope).ToList();
        IReadOnlyList<ResultsEnvelope> ordered = HistoryAnalyzer.OrderByCommit(runs, order);
        var keep = new HashSet<string>(ordered.Select(e => e.Git.Commit).Distinct().TakeLast(lastCommits), StringComparer.Ordinal);
        ordered = ordered.Where(e => keep.Contains(e.Git.Commit)).ToList();
        HistoryReport report = HistoryAnalyzer.Analyze(ordered, new HistoryOptions { MachineId = machine });
        var fullHash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ResultsEnvelope e in ordered)
        {
            fullHash.TryAdd(BenchmarkComparer.CommitLabel(e.Git), e.Git.Commit);
        }

        var abRuns = stored.Where(r => r.Envelope.Job == "ab").ToList();
        var shifts = new Dictionary<string, List<ChangePointLink>>(StringComparer.Ordinal);
        foreach (BenchmarkHistory history in report.Benchmarks)
        {
            foreach (ChangePoint cp in history.ChangePoints.Where(c => c.Confirmed))
            {
                string after = fullHash.GetValueOrDefault(cp.Commit, cp.Commit);
                string before = fullHash.GetValueOrDefault(history.Points[cp.Index].Commit, history.Points[cp.Index].Commit);
                string? evidence = AbEvidence.Write(abRuns, before, after, output);
                if (!shifts.TryGetValue(history.Key.Suite, out List<ChangePointLink>? list))
                {
                    shifts[history.Key.Suite] = list = [];
                }

                list.Add(new ChangePointLink(history.Key.Id, after, before, VerdictText.Shift(cp), cp.Verdict == ComparisonVerdict.Slower, evidence));
            }
        }

        var charts = HistoryCharts.Build(report).Select(c => (c.Suite, SvgTrendChart.Render(c.Chart))).ToList();
        ResultsEnvelope latest = stored.LastOrDefault(r => !r.Envelope.Git.Dirty && r.Envelope.Job != "ab")?.Envelope ?? stored[^1].Envelope;
        return new MachineSection(machine, latest, report, charts, shifts);
    }

    private static void Write(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text, ResultsJson.Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write '{path}': {e.Message}", innerException: e);
        }
    }
}
