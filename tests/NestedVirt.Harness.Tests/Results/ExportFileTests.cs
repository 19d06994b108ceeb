using System.Text;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Harness.Tests.Results;

public sealed class ExportFileTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static Action<Stream> Text(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void AnEarlierExportIsReplacedAndNothingElseIsLeft()
    {
        string path = temp.File(Path.Combine("out", "gab.json"));

        ExportFile.Write(path, Text("[1]"));
        ExportFile.Write(path, Text("[2]"));

        Assert.Equal("[2]", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void AResultsFileIsNeverOverwritten()
    {
        string run = temp.Save("run.json", Statistics.SyntheticResults.Envelope("aaaa", [Statistics.SyntheticResults.Simple("A", [1, 2, 3])]));
        string before = File.ReadAllText(run);

        HarnessException e = Assert.Throws<HarnessException>(() => ExportFile.Write(run, Text("[]")));

        Assert.Equal($"'{run}' is a results file; an export never overwrites one", e.Message);
        Assert.Equal(before, File.ReadAllText(run));
    }

    [Fact]
    public void AFailedWriteLeavesNeitherTheFileNorATemporary()
    {
        string path = temp.File("half.json");

        HarnessException e = Assert.Throws<HarnessException>(() => ExportFile.Write(path, _ => throw new IOException("disk full")));

        Assert.Equal("cannot write '" + path + "': disk full", e.Message);

        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
