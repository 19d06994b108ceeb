using System.Runtime.InteropServices;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Results;

/// <summary>
/// Issue 11 item 7: an interrupt during a write left zero-byte hidden <c>.tmp-*</c> files in the
/// results and baseline folders. The temporary file is registered with the signal handler for
/// exactly as long as it exists, and carries its writer's pid for the sweep after a SIGKILL.
/// </summary>
public sealed class InterruptedWriteTests : IDisposable
{
    private readonly ScratchFolder folder = new();
    private readonly List<int> exits = [];
    private readonly Interruption interruption;

    public InterruptedWriteTests()
    {
        interruption = new Interruption(TextWriter.Null, stopChildren: () => 0, exit: exits.Add);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ASignalWhileARunIsWrittenRemovesTheTemporaryFile()
    {
        string[] during = [];

        Assert.ThrowsAny<IOException>(() => AtomicFileWriter.Write(folder.Path, _ => "run.json", stream =>
        {
            interruption.Raise(PosixSignal.SIGINT);
            during = Directory.GetFiles(folder.Path);
        }, interruption: interruption));

        Assert.Equal([130], exits);
        Assert.Empty(during);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void ASignalWhileABaselineIsReplacedRemovesTheTemporaryFileAndKeepsTheOldBaseline()
    {
        string baseline = folder.Write("ci-baseline.json", "{\"counters\": {}}");
        string[] during = [];

        Assert.ThrowsAny<IOException>(() => AtomicFileWriter.Replace(baseline, stream =>
        {
            stream.WriteByte((byte)'{');
            interruption.Raise(PosixSignal.SIGTERM);
            during = Directory.GetFiles(folder.Path);
        }, interruption: interruption));

        Assert.Equal([143], exits);
        Assert.Equal([baseline], during);
        Assert.Equal("{\"counters\": {}}", File.ReadAllText(baseline));
    }

    [Fact]
    public void TheTemporaryNameCarriesTheWritersPidAndReadersSkipIt()
    {
        string name = TemporaryFileName.For("20260314T091500Z-0123456789ab.json");

        Assert.Equal(Environment.ProcessId, TemporaryFileName.OwnerOf(name));
        Assert.False(ResultsFileName.IsStoredRun(name));
        Assert.Null(TemporaryFileName.OwnerOf("20260314T091500Z-0123456789ab.json"));
        Assert.Null(TemporaryFileName.OwnerOf(".x.json.tmp-0a1b2c3d"));
    }

    [Fact]
    public void AFinishedWriteLeavesNothingRegistered()
    {
        string path = AtomicFileWriter.Write(folder.Path, _ => "run.json", stream => stream.WriteByte((byte)'{'), interruption: interruption);

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        Assert.Equal(0, interruption.Cleanups.Count);
    }
}
