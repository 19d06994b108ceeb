using NestedVirt.Harness.Commands;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Reporting;

namespace NestedVirt.Harness.Tests.Commands;

public sealed class CoverLetterCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void CoverLetterFromFilesMatchesTheSnapshot()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = CoverLetterFixture.Pair();
        EnvelopeFiles.Save(temp.File("base.json"), b);
        EnvelopeFiles.Save(temp.File("head.json"), h);
        (var context, StringWriter output, StringWriter error) = temp.Context();

        int exit = new CoverLetterCommand().Run([temp.File("base.json"), temp.File("head.json"), "--raw"], context);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "CoverLetter", "relay-walk-raw.txt")), output.ToString());
    }

    [Fact]
    public void CrossMachineCoverLetterNeedsTheFlag()
    {
        (ResultsEnvelope b, ResultsEnvelope h) = CoverLetterFixture.Pair(headMachine: "other");
        EnvelopeFiles.Save(temp.File("base.json"), b);
        EnvelopeFiles.Save(temp.File("head.json"), h);
        (var context, StringWriter output, _) = temp.Context();
        var command = new CoverLetterCommand();

        Assert.Equal(2, command.Run([temp.File("base.json"), temp.File("head.json")], context));
        Assert.Equal(0, command.Run([temp.File("base.json"), temp.File("head.json"), "--cross-machine"], context));
        Assert.Contains("CROSS-MACHINE", output.ToString());
    }
}
