using System.Text.RegularExpressions;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Site => Path.Combine(temp.Path, "site");

    /// <summary>30 commits on two machines; benchmark A of machine m1 steps from 100 to 120 ns at c15.</summary>
    private void StoreHistory()
    {
        for (int i = 0; i < 30; i++)
        {
            foreach (string machine in (string[])["m1", "m2"])
            {
                double a = (machine == "m1" && i >= 15 ? 120 : 100) * (1 + ((((i * 3) % 5) - 2) * 0.002));
                ResultsStore.Write(
                    Envelope($"c{i:d2}", [Simple("A", Samples(a, 10, phase: i)), Result("Other", "B", new Dictionary<string, string>(), Samples(40, 10, phase: i))], machine, timestamp: Start.AddHours(i)),
                    temp.ResultsRoot);
            }
        }
    }

    private string Page() => File.ReadAllText(Path.Combine(Site, "index.html"));

    [Fact]
    public void SiteHasOneChartPerMachineAndSuiteAndItsAssets()
    {
        StoreHistory();

        (int exit, string output, _) = temp.Dispatch(new ReportCommand(), "--html", Site);

        Assert.Equal(0, exit);
        Assert.Contains("2 machine(s), 4 chart(s), 1 confirmed shift(s)", output);
        string[] figures = Regex.Matches(Page(), "<figure class=\"trend-chart\" data-machine=\"([^\"]+)\" data-suite=\"([^\"]+)\">")
            .Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}").ToArray();
        Assert.Equal(["m1/Other", "m1/Synthetic", "m2/Other", "m2/Synthetic"], figures);
        Assert.True(File.Exists(Path.Combine(Site, "site.css")));
        Assert.True(File.Exists(Path.Combine(Site, "site.js")));
        Assert.Contains("<script src=\"site.js\"></script>", Page());
    }

    [Fact]
    public void ShiftLinksToItsCommitAndSaysHowToGetAbEvidence()
    {
        StoreHistory();

        temp.Dispatch(new ReportCommand(), "--html", Site, "--commit-url", "https://git.example/commit/{commit}");

        string page = Page();
        string c15 = "c15".PadRight(40, '0');
        Assert.Contains($"<a class=\"commit\" href=\"https://git.example/commit/{c15}\">c15000000000</a>", page);
        Assert.Contains("no ab evidence yet: <code>nvbench ab c14000000000 c15000000000 --save</code>", page);
    }

    [Fact]
    public void StoredAbRunsOfTheShiftedPairBecomeAnEvidencePage()
    {
        StoreHistory();
        ResultsStore.Write(With(Envelope("c14", [Simple("A", Samples(100, 20))], "m1", timestamp: Start.AddHours(40)), "ab"), temp.ResultsRoot);
        ResultsStore.Write(With(Envelope("c15", [Simple("A", Samples(120, 20))], "m1", timestamp: Start.AddHours(41)), "ab"), temp.ResultsRoot);

        temp.Dispatch(new ReportCommand(), "--html", Site);

        Match link = Regex.Match(Page(), "<a class=\"ab\" href=\"(ab/[^\"]+\\.html)\">ab evidence</a>");
        Assert.True(link.Success);
        string evidence = File.ReadAllText(Path.Combine(Site, link.Groups[1].Value));
        Assert.Contains("synthetic/a", evidence);
        Assert.Contains("slower", evidence);
    }

    [Fact]
    public void CommitUrlWithoutPlaceholderIsAUsageError()
    {
        StoreHistory();

        (int exit, _, string error) = temp.Dispatch(new ReportCommand(), "--html", Site, "--commit-url", "https://git.example/");

        Assert.Equal(2, exit);
        Assert.Contains("has no {commit} to replace", error);
    }

    private static ResultsEnvelope With(ResultsEnvelope e, string job) => new()
    {
        HarnessVersion = e.HarnessVersion, TimestampUtc = e.TimestampUtc, Git = e.Git, MachineId = e.MachineId,
        Machine = e.Machine, State = e.State, Job = job, Command = e.Command, Benchmarks = e.Benchmarks,
    };
}
