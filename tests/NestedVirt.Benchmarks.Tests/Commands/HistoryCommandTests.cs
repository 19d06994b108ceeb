using NestedVirt.Harness.Tests.Commands;
using System.Xml.Linq;
using NestedVirt.Harness.Tests.Reporting;
using SkiaSharp;
using NestedVirt.Harness.Cli;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.History;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;
using NestedVirt.Harness.Tests.Git;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class HistoryCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>30 commits c00..c29: benchmark A steps from 100 to 120 ns at c15, B stays at 40 ns.</summary>
    private static List<ResultsEnvelope> Runs(string machine = "m1")
    {
        var runs = new List<ResultsEnvelope>();
        for (int i = 0; i < 30; i++)
        {
            double a = (i < 15 ? 100 : 120) * (1 + (((i * 3) % 5) - 2) * 0.002);
            runs.Add(Envelope($"c{i:d2}", [Simple("A", Samples(a, 10, phase: i)), Simple("B", Samples(40, 10, phase: i))], machine, timestamp: Start.AddHours(i)));
        }

        return runs;
    }

    private void WriteResults(IEnumerable<ResultsEnvelope> runs)
    {
        foreach (ResultsEnvelope run in runs)
        {
            ResultsStore.Write(run, temp.ResultsRoot);
        }
    }

    private static HistoryCommand Command(Func<IReadOnlyList<ResultsEnvelope>, ICommitOrder>? commitOrder = null, IProcessRunner? processes = null, string machine = "m1") =>
        new(commitOrder, processes, findExecutable: _ => null, currentMachineId: () => machine);

    private string SvgDir => Path.Combine(temp.Path, "svg");

    [Fact]
    public void ShiftIsReportedAtTheFirstCommitOfTheNewLevelAndSvgWritten()
    {
        WriteResults(Runs());

        (int exit, string text, string error) = temp.Dispatch(Command(), "--svg-dir", SvgDir);

        Assert.Equal(0, exit);
        Assert.Contains("synthetic/a: shift at c15: +20.0% (100 -> 120 ns, slower)\n", text);
        Assert.DoesNotContain("synthetic/b:", text);
        XDocument svg = XDocument.Load(Path.Combine(SvgDir, "Synthetic.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);

        // No rsvg-convert: the PNG is the same SVG drawn in process.
        Assert.Contains("png: " + Path.Combine(SvgDir, "Synthetic.png") + "\n", text);
        using SKBitmap png = SKBitmap.Decode(Path.Combine(SvgDir, "Synthetic.png"));
        Assert.Equal(760, png.Width);
        Assert.True(ChartPixels.Count(png, ChartPixels.MedianBlue) > 100);

        // The temporary folder is no git checkout: the fallback order is said once.
        Assert.Equal($"nvbench: history: no git history at '{temp.Path}'; ordering commits by run time\n", error);
    }

    [Fact]
    public void PngIsMadeWithRsvgConvertWhenOnPath()
    {
        WriteResults(Runs());
        var fake = new FakeProcessRunner((_, _, _) => new ProcessResult(0, "", ""));
        var command = new HistoryCommand(processes: fake, findExecutable: name => "/usr/bin/" + name, currentMachineId: () => "m1");

        (int exit, string output, _) = temp.Dispatch(command, "--svg-dir", SvgDir);

        Assert.Equal(0, exit);
        (string file, IReadOnlyList<string> args, _) = Assert.Single(fake.Calls);
        Assert.Equal("/usr/bin/rsvg-convert", file);
        Assert.Equal(["-w", "760", "-o", Path.Combine(SvgDir, "Synthetic.png"), Path.Combine(SvgDir, "Synthetic.svg")], args);
        Assert.Contains("png: " + Path.Combine(SvgDir, "Synthetic.png"), output);
    }

    [Fact]
    public void InjectedCommitOrderIsUsed()
    {
        WriteResults(Runs());

        (int exit, string output, _) = temp.Dispatch(Command(commitOrder: _ => new ReversedOrder()), "--svg-dir", SvgDir);

        // Newest first, the step is a drop that starts at c14.
        Assert.Equal(0, exit);
        Assert.Contains("synthetic/a: shift at c14: -16.7%", output);
    }

    [Fact]
    public void HistoryOrderFollowsGitAncestryNotRunTimes()
    {
        using var repo = new TempGitRepository();
        var commits = new List<string>();
        for (int i = 0; i < 16; i++)
        {
            commits.Add(repo.Commit("a.txt", $"version {i}"));
        }

        repo.Git("checkout", "-q", "-b", "side", commits[3]);
        string side = repo.Commit("b.txt", "never merged");
        repo.Git("checkout", "-q", "main");

        // Benchmarked newest first, so run times alone would order the series backwards.
        string resultsRoot = Path.Combine(repo.Path, "results");
        for (int i = 0; i < commits.Count; i++)
        {
            double a = (i < 8 ? 100 : 120) * (1 + (((i * 3) % 5) - 2) * 0.002);
            ResultsStore.Write(Envelope(commits[i][..12], [Simple("A", Samples(a, 10, phase: i))], "m1", timestamp: Start.AddHours(100 - i), fullCommit: commits[i]), resultsRoot);
        }

        ResultsStore.Write(Envelope(side[..12], [Simple("A", Samples(500, 10))], "m1", timestamp: Start, fullCommit: side), resultsRoot);
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, repo.Path);

        int exit = Command().Run(["--svg-dir", SvgDir], context);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        string text = output.ToString();
        Assert.Contains("1 run(s) skipped: 1 commit(s) not in HEAD's ancestry\n", text);
        Assert.Contains("history of machine m1: 16 commit(s), 1 benchmark(s)", text);
        Assert.Contains($"synthetic/a: shift at {commits[8][..12]}: +20.0% (100 -> 120 ns, slower)\n", text);
    }

    [Fact]
    public void GitAncestryOrderSortsParentsFirstAndLeavesOutOtherCommits()
    {
        using var repo = new TempGitRepository();
        string first = repo.Commit("a.txt", "1");
        string second = repo.Commit("a.txt", "2");
        string third = repo.Commit("a.txt", "3");

        GitAncestryOrder order = Assert.IsType<GitAncestryOrder>(GitAncestryOrder.Read(repo.Path));

        Assert.Equal(3, order.Count);
        Assert.Equal([first, second, third], order.Order([third, "f".PadRight(40, 'f'), first, second]));
    }

    [Fact]
    public void GitAncestryOrderIsNullOutsideACheckout()
    {
        Assert.Null(GitAncestryOrder.Read(temp.Path));
    }

    [Fact]
    public void DefaultMachineIsThisMachineAndTheMachineOptionOverridesIt()
    {
        WriteResults(Runs("m1"));
        WriteResults(Runs("m2"));

        (int exit, string output, _) = temp.Dispatch(Command(machine: "m2"), "--svg-dir", SvgDir);
        (int overridden, string overriddenOutput, _) = temp.Dispatch(Command(machine: "m2"), "--machine", "m1", "--svg-dir", SvgDir);

        Assert.Equal(0, exit);
        Assert.Contains("history of machine m2", output);
        Assert.Equal(0, overridden);
        Assert.Contains("history of machine m1", overriddenOutput);
    }

    [Fact]
    public void MachineWithoutResultsIsOneLineNamingTheOthers()
    {
        WriteResults(Runs("m1"));
        WriteResults(Runs("m2"));

        (int exit, string output, string error) = temp.Dispatch(Command(machine: "m3"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(
            $"nvbench: no results for machine 'm3' under '{temp.ResultsRoot}'; machines with results: m1, m2 (pass --machine ID)\n",
            error);
    }

    [Theory]
    [InlineData("--min-distance", "0", "nvbench: option --min-distance: 0 is below the minimum 1")]
    [InlineData("--window", "x", "nvbench: option --window: 'x' is not an integer")]
    [InlineData("--threshold", "x%", "nvbench: option --threshold: 'x%' is not a percentage, e.g. 5% or 5")]
    public void BadOptionIsOneLineAndExitTwo(string option, string value, string expected)
    {
        WriteResults(Runs());

        (int exit, _, string error) = temp.Dispatch(Command(), option, value);

        Assert.Equal(2, exit);
        Assert.Equal(expected + "\n", error);
    }

    [Fact]
    public void CorruptStoredRunIsNamedAndExitTwo()
    {
        WriteResults(Runs());
        string bad = Path.Combine(temp.ResultsRoot, "m1", "20260301T120000Z-c99.json");
        File.WriteAllText(bad, "{\"schemaVersion\": 1, ");

        (int exit, _, string error) = temp.Dispatch(Command());

        Assert.Equal(2, exit);
        Assert.StartsWith($"nvbench: results file '{bad}' is truncated", Assert.Single(error.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public void AnalyzerSkipsDirtyAndOtherMachineRunsAndPoolsRunsOfACommit()
    {
        List<ResultsEnvelope> runs = Runs();
        runs.Insert(5, Envelope("c04", [Simple("A", Samples(100, 10))], "m1", timestamp: Start.AddHours(4.5)));
        runs.Add(Envelope("c30", [Simple("A", Samples(500, 10))], "m1", dirty: true, timestamp: Start.AddHours(31)));
        runs.Add(Envelope("c31", [Simple("A", Samples(500, 10))], machineId: "m9", timestamp: Start.AddHours(32)));

        HistoryReport report = HistoryAnalyzer.Analyze(runs, new HistoryOptions { MachineId = "m1" });

        Assert.Equal(30, report.Commits.Count);
        Assert.Equal(1, report.SkippedDirty);
        Assert.Equal(1, report.SkippedOtherMachine);
        BenchmarkHistory a = report.Benchmarks.Single(b => b.Key.Method == "A");
        Assert.Equal(30, a.Points.Count);
        Assert.Equal(20, a.Points[4].SamplesNs.Count);
        Assert.Equal(10, a.Points[5].SamplesNs.Count);
    }

    [Fact]
    public void AnalyzerLeavesSmokeRunsOutUnlessIncluded()
    {
        List<ResultsEnvelope> runs = Runs();
        ResultsEnvelope dry = Envelope("c30", [Simple("A", Samples(5000, 10))], "m1", timestamp: Start.AddHours(31));
        runs.Add(new ResultsEnvelope { Git = dry.Git, MachineId = dry.MachineId, TimestampUtc = dry.TimestampUtc, Job = "dry", Smoke = true, Benchmarks = dry.Benchmarks });

        HistoryReport report = HistoryAnalyzer.Analyze(runs, new HistoryOptions { MachineId = "m1" });
        var including = new HistoryOptions { MachineId = "m1", ChangePoints = ChangePointOptions.Default with { Comparison = ComparisonOptions.Default with { IncludeSmoke = true } } };

        Assert.Equal(30, report.Commits.Count);
        Assert.Equal(1, report.SkippedSmoke);
        Assert.Equal(31, HistoryAnalyzer.Analyze(runs, including).Commits.Count);
    }

    [Fact]
    public void SuiteFilterKeepsOnlyThatSuite()
    {
        List<ResultsEnvelope> runs = Runs();
        runs[0] = Envelope("c00", [.. runs[0].Benchmarks, Result("Other", "X", new Dictionary<string, string>(), Samples(5, 10))], "m1", timestamp: Start);

        HistoryReport report = HistoryAnalyzer.Analyze(runs, new HistoryOptions { MachineId = "m1", Suite = "Other" });

        Assert.Equal("Other", Assert.Single(report.Benchmarks).Key.Suite);
    }

    [Fact]
    public void TimestampOrderSortsCommitsByTheirFirstRun()
    {
        ResultsEnvelope late = Envelope("late", [], timestamp: Start.AddDays(2));
        ResultsEnvelope early = Envelope("early", [], timestamp: Start);
        ResultsEnvelope rerunOfEarly = Envelope("early", [], timestamp: Start.AddDays(3));
        var order = new TimestampCommitOrder([late, rerunOfEarly, early]);

        IReadOnlyList<ResultsEnvelope> ordered = HistoryAnalyzer.OrderByCommit([late, rerunOfEarly, early], order);

        Assert.Equal(["early", "early", "late"], ordered.Select(e => e.Git.ShortCommit));
        Assert.Equal([early.Git.Commit], order.Order([early.Git.Commit, "not-a-known-commit"]));
    }

    private sealed class ReversedOrder : ICommitOrder
    {
        public IReadOnlyList<string> Order(IEnumerable<string> commits) => [.. commits.OrderByDescending(c => c, StringComparer.Ordinal)];
    }
}
