using System.Text.RegularExpressions;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Tests.Reporting.Exporters;

public sealed class CoverLetterExporterTests
{
    private static string Render(ResultsEnvelope b, ResultsEnvelope h, bool raw = true, bool crossMachine = false)
    {
        var options = ComparisonOptions.Default with { AllowCrossMachine = crossMachine };
        return new CoverLetterExporter(raw).Render(ReportModel.Compare(b, h, options));
    }

    private static void AssertMailSafe(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            Assert.True(line.Length <= 72, $"{line.Length} columns: {line}");
            Assert.All(line, ch => Assert.True(ch is >= ' ' and <= '~', $"non-ASCII or control U+{(int)ch:X4} in: {line}"));
        }
    }

    [Fact]
    public void EveryLineIsAsciiAndAtMostSeventyTwoColumns()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();

        AssertMailSafe(Render(b, h));
    }

    [Fact]
    public void HostileInputsStayMailSafe()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair(headMachine: "another-machine-with-a-rather-long-identifier-0123456789");
        var hostile = new ResultsEnvelope
        {
            HarnessVersion = "nvbench\t0.1.0",
            Git = h.Git,
            MachineId = h.MachineId,
            Machine = new MachineInfo { CpuModel = "Intel\u00ae Xeon\u2122 Platinum 8480+ CPU @ 2.00GHz with a name far too long for a single mail line", LogicalCores = 224, Virtualization = "bare-metal" },
            State = new MachineState { Governor = "performance", Turbo = false, Smt = false, IsolatedCpus = "2-55,114-167", NohzFull = "2-55,114-167", LoadAverage1 = 0.01 },
            Job = "full",
            Command = "nvbench run --filter " + new string('x', 90) + " --job full",
            Benchmarks = h.Benchmarks,
        };

        string text = Render(b, hostile, crossMachine: true);

        AssertMailSafe(text);
        Assert.Contains("CROSS-MACHINE", text);
        Assert.Contains("Machine: Intel Xeon Platinum 8480+ @ 2.00GHz", text);
        Assert.Contains("tuned (governor performance, turbo off, SMT off, isolcpus", text.Replace("\n  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void InsignificantRowsSaySameWithoutAPercentage()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();
        string[] lines = Render(b, h).Split('\n');

        // Relay got 0.4% slower: not significant at 5%, so "same" and no delta.
        string relay = Assert.Single(lines, l => l.StartsWith("  rvr/intel/postmessage/relayed/clean ", StringComparison.Ordinal));
        Assert.EndsWith(" -  same", relay);
        string improved = Assert.Single(lines, l => l.StartsWith("  rvr/intel/postmessage/reflected/clean ", StringComparison.Ordinal));
        Assert.EndsWith(" -20.0%  faster", improved);
    }

    [Fact]
    public void RawBlockIsNameAndIntegerLines()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();
        string text = Render(b, h);
        string[] raw = text[(text.IndexOf("Raw, head", StringComparison.Ordinal) + 1)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];

        Assert.Equal(h.Benchmarks.Count, raw.Length);
        Assert.All(raw, l => Assert.Matches(new Regex("^[a-z0-9._/-]+ [0-9]+$"), l));
        Assert.Contains("rvr/intel/postmessage/relayed/clean 241", raw);
    }

    [Fact]
    public void WithoutRawThereIsNoRawBlock()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();

        Assert.DoesNotContain("Raw, head", Render(b, h, raw: false));
    }
}
