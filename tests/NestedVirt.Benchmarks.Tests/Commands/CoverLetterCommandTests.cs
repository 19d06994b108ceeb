using NestedVirt.Harness.Tests.Commands;
using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Reporting;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class CoverLetterCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void CoverLetterFromFilesIsTheApprovedCoverLetter()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();
        string basePath = temp.Save("base.json", b);
        string headPath = temp.Save("head.json", h);

        (int exit, string output, string error) = temp.Dispatch(new CoverLetterCommand(), basePath, headPath, "--raw");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(File.ReadAllText(Approval.Approved("comparison-cover-letter", "txt")), output);
    }

    [Fact]
    public void CoverLetterFromRunIdsInTheResultsStoreIsTheApprovedCoverLetter()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair();
        string baseId = Path.GetFileNameWithoutExtension(ResultsStore.Write(b, temp.ResultsRoot));
        string headId = Path.GetFileNameWithoutExtension(ResultsStore.Write(h, temp.ResultsRoot));

        (int exit, string output, _) = temp.Dispatch(new CoverLetterCommand(), baseId, headId, "--raw");

        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(Approval.Approved("comparison-cover-letter", "txt")), output);
    }

    [Fact]
    public void CrossMachineCoverLetterNeedsTheFlag()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = ReportFixture.Pair(headMachine: "other");
        string basePath = temp.Save("base.json", b);
        string headPath = temp.Save("head.json", h);

        (int refused, string refusedOutput, string error) = temp.Dispatch(new CoverLetterCommand(), basePath, headPath);
        (int allowed, string output, _) = temp.Dispatch(new CoverLetterCommand(), basePath, headPath, "--cross-machine");

        Assert.Equal(2, refused);
        Assert.Equal("", refusedOutput);
        Assert.StartsWith("nvbench: base and head come from different machines", Assert.Single(error.TrimEnd('\n').Split('\n')));
        Assert.Equal(0, allowed);
        Assert.Contains("CROSS-MACHINE", output);
    }
}
