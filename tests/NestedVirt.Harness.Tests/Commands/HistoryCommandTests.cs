using System.Xml.Linq;
using NestedVirt.Harness.Commands;
using NestedVirt.Harness.Commands.History;
using NestedVirt.Harness.Commands.Processes;
using NestedVirt.Harness.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Commands;

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

    private string WriteResults(IEnumerable<ResultsEnvelope> runs, string machine = "m1")
    {
        string dir = Path.Combine(temp.Path, "results", machine);
        Directory.CreateDirectory(dir);
        int n = 0;
        foreach (ResultsEnvelope run in runs)
        {
            // File names in reverse order: the command must order by commit, not by name.
            EnvelopeFiles.Save(Path.Combine(dir, $"{999 - n++:d3}-{run.Git.ShortCommit}.json"), run);
        }

        return dir;
    }

    [Fact]
    public void ShiftIsReportedAtTheFirstCommitOfTheNewLevelAndSvgWritten()
    {
        WriteResults(Runs());
        string svgDir = Path.Combine(temp.Path, "svg");
        (var context, StringWriter output, StringWriter error) = temp.Context();
        var command = new HistoryCommand(findExecutable: _ => null);

        int exit = command.Run(["--svg-dir", svgDir], context);

        Assert.Equal("", error.ToString());
        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("synthetic/a: shift at c15: +20.0% (100 -> 120 ns, slower)\n", text);
        Assert.DoesNotContain("synthetic/b:", text);
        Assert.Contains("png: skipped (rsvg-convert not on PATH", text);
        XDocument svg = XDocument.Load(Path.Combine(svgDir, "Synthetic.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Fact]
    public void PngIsMadeWithRsvgConvertWhenOnPath()
    {
        WriteResults(Runs());
        string svgDir = Path.Combine(temp.Path, "svg");
        (var context, StringWriter output, _) = temp.Context();
        var fake = new FakeProcessRunner((_, _, _) => new ProcessResult(0, "", ""));
        var command = new HistoryCommand(processes: fake, findExecutable: name => "/usr/bin/" + name);

        Assert.Equal(0, command.Run(["--svg-dir", svgDir], context));

        (string file, IReadOnlyList<string> args, _) = Assert.Single(fake.Calls);
        Assert.Equal("/usr/bin/rsvg-convert", file);
        Assert.Equal(["-w", "760", "-o", Path.Combine(svgDir, "Synthetic.png"), Path.Combine(svgDir, "Synthetic.svg")], args);
        Assert.Contains("png: " + Path.Combine(svgDir, "Synthetic.png"), output.ToString());
    }

    [Fact]
    public void InjectedCommitOrderIsUsed()
    {
        WriteResults(Runs());
        (var context, StringWriter output, _) = temp.Context();
        var command = new HistoryCommand(commitOrder: _ => new ReversedOrder(), findExecutable: _ => null);

        Assert.Equal(0, command.Run(["--svg-dir", Path.Combine(temp.Path, "svg")], context));

        // Newest first, the step is a drop that starts at c14.
        Assert.Contains("synthetic/a: shift at c14: -16.7%", output.ToString());
    }

    [Fact]
    public void SeveralMachinesNeedTheMachineOption()
    {
        WriteResults(Runs("m1"), "m1");
        WriteResults(Runs("m2"), "m2");
        (var context, StringWriter output, StringWriter error) = temp.Context();
        var command = new HistoryCommand(findExecutable: _ => null);

        Assert.Equal(2, command.Run([], context));
        Assert.Contains("pass --machine", error.ToString());
        Assert.Equal(0, command.Run(["--machine", "m2", "--svg-dir", Path.Combine(temp.Path, "svg")], context));
        Assert.Contains("history of machine m2", output.ToString());
    }

    [Fact]
    public void BadMinDistanceIsExitTwo()
    {
        WriteResults(Runs());
        (var context, _, StringWriter error) = temp.Context();

        Assert.Equal(2, new HistoryCommand(findExecutable: _ => null).Run(["--min-distance", "0"], context));
        Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
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
