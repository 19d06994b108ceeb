using NestedVirt.Harness.Fleet;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Results;
using static NestedVirt.Harness.Tests.Statistics.SyntheticResults;

namespace NestedVirt.Harness.Tests.Fleet;

public sealed class ImportTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Other => scratch.Combine("other");

    private string Here => scratch.Combine("here");

    private string StoreRun(string root, string machine, int n) =>
        ResultsStore.Write(Envelope($"{n:x12}", [Simple("A", Samples(100, 10, phase: n))], machine, timestamp: new DateTimeOffset(2026, 5, 1, n, 0, 0, TimeSpan.Zero)), root);

    [Fact]
    public void FolderOfAnotherMachineIsCopiedByteForByteUnderItsMachineId()
    {
        string a = StoreRun(Other, "svm-host", 1);
        string b = StoreRun(Other, "svm-host", 2);
        var importer = new ResultsImporter(Here);

        importer.ImportPath(Other);

        Assert.Equal((2, 0, 0), (importer.Report.Imported, importer.Report.AlreadyPresent, importer.Report.Renamed));
        Assert.Empty(importer.Report.Rejected);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(Path.Combine(Here, "svm-host", Path.GetFileName(a))));
        Assert.Equal(File.ReadAllBytes(b), File.ReadAllBytes(Path.Combine(Here, "svm-host", Path.GetFileName(b))));
    }

    [Fact]
    public void FileAlreadyHereIsSkippedAndNameTakenByOtherBytesKeepsBoth()
    {
        string run = StoreRun(Other, "svm-host", 1);
        var first = new ResultsImporter(Here);
        first.ImportPath(run);
        string mine = Path.Combine(Here, "svm-host", Path.GetFileName(run));
        byte[] before = File.ReadAllBytes(mine);
        string edited = scratch.Combine("edited", Path.GetFileName(run));
        Directory.CreateDirectory(Path.GetDirectoryName(edited)!);
        File.WriteAllText(edited, File.ReadAllText(run).Replace("\"job\": \"full\"", "\"job\": \"other\"", StringComparison.Ordinal));

        var second = new ResultsImporter(Here);
        second.ImportPath(run);
        second.ImportPath(edited);
        second.ImportPath(edited);

        Assert.Equal((0, 2, 1), (second.Report.Imported, second.Report.AlreadyPresent, second.Report.Renamed));
        Assert.Equal(before, File.ReadAllBytes(mine));
        Assert.Equal("other", ResultsStore.Load(Path.ChangeExtension(mine, null) + "-2.json").Job);
    }

    [Fact]
    public void CorruptFileIsRejectedWithItsReasonAndNothingIsWrittenForIt()
    {
        StoreRun(Other, "svm-host", 1);
        string bad = scratch.Write("other/svm-host/20260501T090000Z-badbadbadbad.json", "{\"schemaVersion\": 1}");
        var importer = new ResultsImporter(Here);

        importer.ImportPath(Other);

        Assert.Equal(1, importer.Report.Imported);
        string reason = Assert.Single(importer.Report.Rejected);
        Assert.Equal($"results file '{bad}' is missing required field 'timestampUtc'", reason);
        Assert.False(File.Exists(Path.Combine(Here, "svm-host", Path.GetFileName(bad))));
    }
}
