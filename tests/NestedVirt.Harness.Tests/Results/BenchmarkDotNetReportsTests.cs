using System.Text.Json;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

public sealed class BenchmarkDotNetReportsTests
{
    private static JsonElement Report(string title, params (string Namespace, string Type, string Method)[] benchmarks)
    {
        string items = string.Join(',', benchmarks.Select(b =>
            $"{{\"Namespace\":\"{b.Namespace}\",\"Type\":\"{b.Type}\",\"Method\":\"{b.Method}\",\"FullName\":\"{b.Namespace}.{b.Type}.{b.Method}\"}}"));
        using JsonDocument document = JsonDocument.Parse($"{{\"Title\":\"{title}\",\"HostEnvironmentInfo\":{{\"BenchmarkDotNetVersion\":\"0.15.8\"}},\"Benchmarks\":[{items}]}}");
        return document.RootElement.Clone();
    }

    private static ResultsEnvelope Run(params JsonElement[] reports) => new() { BenchmarkDotNet = [.. reports] };

    [Fact]
    public void AReportOfOneClassIsNamedAfterTheClassAsBenchmarkDotNetNamesIt()
    {
        BenchmarkDotNetReport report = Assert.Single(BenchmarkDotNetReports.Read(Run(
            Report("NestedVirt.Benchmarks.Paging.NestedWalk-20261122-052001", ("NestedVirt.Benchmarks.Paging", "NestedWalk", "Walk")))));

        Assert.Equal("NestedVirt.Benchmarks.Paging.NestedWalk-report-full.json", report.FileName);
    }

    [Fact]
    public void AReportOfSeveralClassesIsNamedAfterItsTitleWithUnsafeCharactersReplaced()
    {
        BenchmarkDotNetReport report = Assert.Single(BenchmarkDotNetReports.Read(Run(
            Report("BenchmarkRun-joined-2026:11:22", ("A", "One", "M"), ("A", "Two<int>", "M")))));

        Assert.Equal("BenchmarkRun-joined-2026_11_22-report-full.json", report.FileName);
    }

    [Fact]
    public void JoinedReportHoldsEveryBenchmarkUnderBenchmarkDotNetsJoinedTitle()
    {
        IReadOnlyList<BenchmarkDotNetReport> reports = BenchmarkDotNetReports.Read(Run(
            Report("A.One-1", ("A", "One", "M1"), ("A", "One", "M2")),
            Report("A.Two-1", ("A", "Two", "M"))));

        BenchmarkDotNetReport joined = BenchmarkDotNetReports.Join(reports, new DateTimeOffset(2026, 11, 22, 5, 20, 1, TimeSpan.Zero));

        Assert.Equal("BenchmarkRun-joined-2026-11-22-05-20-01-report-full.json", joined.FileName);
        Assert.Equal("BenchmarkRun-joined-2026-11-22-05-20-01", joined.Json.GetProperty("Title").GetString());
        Assert.Equal("0.15.8", joined.Json.GetProperty("HostEnvironmentInfo").GetProperty("BenchmarkDotNetVersion").GetString());
        Assert.Equal(["A.One.M1", "A.One.M2", "A.Two.M"], joined.Json.GetProperty("Benchmarks").EnumerateArray().Select(b => b.GetProperty("FullName").GetString()));
    }
}
