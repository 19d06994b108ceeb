using NestedVirt.Harness.Cli;
using NestedVirt.Harness.History;
using NestedVirt.Harness.Dashboard;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary><c>report --html DIR</c>: the static dashboard (see <see cref="DashboardSite"/>).</summary>
public sealed class ReportCommand : ICommand
{
    private readonly OptionSet options = new OptionSet()
        .Option("html", "DIR", "write the site to DIR (required)")
        .Option("machine", "ID", "only this machine (repeatable; default all)")
        .Option("last", "N", "newest commits per chart (default 200)")
        .Option("commit-url", "URL", "commit link, {commit} replaced by the hash")
        .Option("results", "DIR", "results folder (default results/)");

    /// <inheritdoc/>
    public string Name => "report";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "static HTML dashboard: trends, shifts, latest tables";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench report --html DIR [options]\n\n"
        + "Writes a static site (open DIR/index.html; no server): per machine\n"
        + "the latest relay-vs-reflection and EPT-vs-NPT tables, per suite the\n"
        + "trend chart of the newest commits with confirmed shifts, each linked\n"
        + "to its commit (--commit-url, or origin's web page on GitHub, GitLab\n"
        + "or Codeberg) and to its ab evidence when ab --save stored pooled runs\n"
        + "of the pair; several machines side by side, never pooled.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench report --html artifacts/dashboard --last 100\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        string output = Path.GetFullPath(parsed.GetString("html") ?? throw new UsageException("report needs --html DIR"));
        int last = parsed.GetInt32("last", 200, min: 2);
        string? commitUrl = parsed.GetString("commit-url");
        if (commitUrl is not null && !commitUrl.Contains("{commit}", StringComparison.Ordinal))
        {
            throw new UsageException($"option --commit-url: '{commitUrl}' has no {{commit}} to replace");
        }

        using ResultsIndex index = ResultsIndex.Open(parsed.GetString("results") ?? context.ResultsRoot, context.Error);
        IReadOnlyList<string> machines = parsed.GetAll("machine") is { Count: > 0 } chosen ? chosen : index.Machines();
        if (machines.Count == 0)
        {
            throw new HarnessException($"no results under '{index.ResultsRoot}' to report on");
        }

        IEnumerable<string> commits = machines.SelectMany(m => index.Runs(m)).Select(static r => r.Commit);
        ICommitOrder order = AncestrySource.Choose(commits, context.RepositoryRoot, context.WorkingDirectory) is { } ancestry
            ? ancestry
            : new TimestampCommitOrder(machines.SelectMany(m => index.Runs(m)).Select(r => new ResultsEnvelope { Git = new GitInfo { Commit = r.Commit }, TimestampUtc = r.TimestampUtc }));
        IReadOnlyList<MachineSection> sections = DashboardSite.Write(
            index, machines, order, output, last, commits => new CommitLinks(context.RepositoryRoot, commitUrl, commits));
        int charts = sections.Sum(s => s.Charts.Count);
        int shifts = sections.Sum(s => s.Shifts.Values.Sum(l => l.Count));
        context.Out.Write($"report: {Path.Combine(output, "index.html")}: {sections.Count} machine(s), {charts} chart(s), {shifts} confirmed shift(s)\n");
        return 0;
    }
}
