using System.Text.Json;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>
/// Exports of two real stored runs (trimmed to two suites, in Data/Runs), read back with the
/// schema each consumer documents: dotnet/performance's ResultsComparer reads every
/// <c>*full.json</c> under a folder into its DataTransferContracts (Benchmarks[].FullName,
/// Statistics.OriginalValues and Median); github-action-benchmark's <c>benchmarkdotnet</c> tool
/// reads one file's Benchmarks[].FullName, Statistics.Mean and StandardDeviation.
/// </summary>
public sealed class ExportCommandTests : IDisposable
{
    private const string Machine = "amd-epyc-2cpu-9a3288b3";
    private const string Head = "20261122T052001Z-e6dbde9bdb8b";
    private readonly TempFolder temp = new();

    public ExportCommandTests()
    {
        string folder = Path.Combine(temp.ResultsRoot, Machine);
        Directory.CreateDirectory(folder);
        foreach (string run in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "Runs")))
        {
            File.Copy(run, Path.Combine(folder, Path.GetFileName(run)));
        }
    }

    public void Dispose() => temp.Dispose();

    private (int Exit, string Out, string Error) Run(params string[] args) =>
        temp.Dispatch(new ExportCommand(() => Machine), args);

    private static ResultsEnvelope Stored(string id) =>
        ResultsStore.Load(Path.Combine(AppContext.BaseDirectory, "Data", "Runs", id + ".json"));

    // ResultsComparer's contract (DataTransferContracts.cs), the fields it reads.
    private sealed record BdnResult(BdnBenchmark[] Benchmarks);

    private sealed record BdnBenchmark(string FullName, BdnStatistics Statistics);

    private sealed record BdnStatistics(double[] OriginalValues, double Median, double Mean, double StandardDeviation);

    private static BdnResult Read(string file) => JsonSerializer.Deserialize<BdnResult>(File.ReadAllText(file))!;

    [Fact]
    public void BdnExportIsBenchmarkDotNetsReportsNamedAsItNamesThemWithEverySample()
    {
        string folder = temp.File("bdn");

        (int exit, string output, string error) = Run(Head, "--format", "bdn", "--out", folder);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        string[] files = output.TrimEnd('\n').Split('\n');
        Assert.Equal(
            [Path.Combine(folder, "NestedVirt.Benchmarks.Exits.ExitRouting-report-full.json"), Path.Combine(folder, "NestedVirt.Benchmarks.Paging.WalkerSpecialisation-report-full.json")],
            files.Order(StringComparer.Ordinal));
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(folder, "*full.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

        BdnBenchmark[] benchmarks = [.. files.SelectMany(f => Read(f).Benchmarks)];
        ResultsEnvelope run = Stored(Head);
        Assert.Equal(run.Benchmarks.Count, benchmarks.Select(b => b.FullName).Distinct().Count());
        foreach (BenchmarkResult result in run.Benchmarks)
        {
            // The samples compare uses are the samples ResultsComparer reads.
            Assert.Single(benchmarks, b => b.Statistics.OriginalValues.Order().SequenceEqual(result.SamplesNs.Order()));
        }
    }

    [Fact]
    public void JoinedBdnExportIsOneReportWithEveryBenchmark()
    {
        string folder = temp.File("joined");

        (int exit, string output, _) = Run(Head, "--join", "--out", folder);

        Assert.Equal(0, exit);
        string file = Assert.Single(output.TrimEnd('\n').Split('\n'));
        Assert.Equal("BenchmarkRun-joined-2026-11-22-05-20-01-report-full.json", Path.GetFileName(file));
        BdnResult joined = Read(file);
        Assert.Equal(Stored(Head).Benchmarks.Count, joined.Benchmarks.Length);
        Assert.All(joined.Benchmarks, b => Assert.True(b.Statistics.Mean > 0 && b.Statistics.StandardDeviation >= 0, b.FullName));
    }

    [Fact]
    public void GitHubActionBenchmarkExportNamesBenchmarksAsListDoesAndTakesTheMedian()
    {
        (int exit, string output, _) = Run("latest", "--format", "github-action-benchmark");

        Assert.Equal(0, exit);
        using JsonDocument document = JsonDocument.Parse(output);
        ResultsEnvelope run = Stored(Head);
        Assert.Equal(
            run.Benchmarks.Select(b => b.Id).Order(StringComparer.Ordinal),
            document.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Contains("exitrouting/route/amd", output);
    }

    [Fact]
    public void MarkdownExportIsATableRowPerBenchmark()
    {
        string file = temp.File(Path.Combine("md", "run.md"));

        (int exit, string output, string error) = Run(Head, "--format", "markdown", "--out", file);

        Assert.Equal(0, exit);
        Assert.Equal("", output);
        Assert.StartsWith("export: markdown of " + Head, error);
        string markdown = File.ReadAllText(file);
        Assert.All(Stored(Head).Benchmarks, b => Assert.Contains($"| `{b.Id}` |", markdown));
    }

    [Theory]
    [InlineData(new[] { "nope" }, "nvbench: no results match 'nope' under ")]
    [InlineData(new[] { Head, "--format", "github-action-benchmark", "--join" }, "nvbench: --join applies to --format bdn only")]
    [InlineData(new[] { Head, "--format", "csv" }, "nvbench: option --format: 'csv' is not one of bdn, github-action-benchmark, markdown")]
    public void BadRequestsAreOneLineAndExitTwo(string[] args, string expected)
    {
        (int exit, string output, string error) = Run(args);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(expected, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void AnExportIntoTheResultsFolderIsRefusedAndTheStoreStaysReadable()
    {
        string inside = Path.Combine(temp.ResultsRoot, Machine);

        (int exit, _, string error) = Run(Head, "--out", inside);

        Assert.Equal(2, exit);
        Assert.Contains("is inside the results folder", error);
        Assert.Equal(2, ResultsStore.ListRuns(temp.ResultsRoot, Machine).Count);
    }
}
