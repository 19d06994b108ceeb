using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Tests.Reporting.Exporters;

/// <summary>Every exporter's output on the fixed <see cref="ReportFixture"/>, pinned by an approval file.</summary>
public sealed class ApprovedExportsTests
{
    private static ReportModel Comparison()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();
        return ReportModel.Compare(b, h, ComparisonOptions.Default);
    }

    private static string Export(IReportExporter exporter, ReportModel model)
    {
        var text = new StringWriter();
        exporter.Export(model, text);
        return text.ToString();
    }

    public static TheoryData<string> ComparisonExporters() => ["text", "markdown", "json", "cover-letter"];

    private static IReportExporter Exporter(string name) => name switch
    {
        "text" => new ComparisonTextExporter(),
        "markdown" => new MarkdownExporter(),
        "json" => new ComparisonJsonExporter(),
        "cover-letter" => new CoverLetterExporter(includeRaw: true),
        "summary" => new RunSummaryExporter(),
        "github-action-benchmark" => new GitHubActionBenchmarkExporter(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ComparisonExporters))]
    public void ComparisonExportMatchesItsApprovalFile(string name)
    {
        IReportExporter exporter = Exporter(name);

        Assert.Equal(name, exporter.Name);
        Approval.Verify("comparison-" + name, exporter.FileExtension, Export(exporter, Comparison()));
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("markdown")]
    [InlineData("github-action-benchmark")]
    public void RunExportMatchesItsApprovalFile(string name)
    {
        IReportExporter exporter = Exporter(name);

        Approval.Verify("run-" + name, exporter.FileExtension, Export(exporter, ReportModel.Of(ReportFixture.Run())));
    }

    [Fact]
    public void ComparisonOnlyExportersRefuseASingleRun()
    {
        foreach (string name in new[] { "text", "json", "cover-letter" })
        {
            Assert.Throws<InvalidOperationException>(() => Export(Exporter(name), ReportModel.Of(ReportFixture.Run())));
        }
    }
}
