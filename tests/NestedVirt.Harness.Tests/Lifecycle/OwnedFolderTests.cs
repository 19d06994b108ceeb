using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Lifecycle;

public sealed class OwnedFolderTests
{
    private readonly Interruption interruption = new(TextWriter.Null, stopChildren: () => 0, exit: _ => { });

    [Fact]
    public void RunsStartedTogetherGetDistinctFolders()
    {
        // Two runs in the same second share a default name; each must get its own folder even
        // when they claim it at the same moment (the CI fault case results/concurrent-writers).
        using var parent = new ScratchFolder();
        string preferred = Path.Combine(parent.Path, "20261205T013535Z-50e817a46939");
        var folders = new OwnedFolder[8];
        using var start = new Barrier(folders.Length);
        Parallel.For(0, folders.Length, new ParallelOptions { MaxDegreeOfParallelism = folders.Length }, i =>
        {
            start.SignalAndWait();
            folders[i] = OwnedFolder.CreateFree(preferred, interruption);
        });

        Assert.Equal(folders.Length, folders.Select(f => f.Path).Distinct().Count());
        Assert.Contains(folders, f => f.Path == preferred);
        Assert.Empty(Directory.GetFiles(parent.Path, "*" + TemporaryFileName.Marker + "*", SearchOption.AllDirectories));
        foreach (OwnedFolder folder in folders)
        {
            folder.Keep();
        }
    }

    [Fact]
    public void AFolderHeldByALiveProcessIsRefusedByName()
    {
        using var parent = new ScratchFolder();
        string path = Path.Combine(parent.Path, "artifacts");
        Directory.CreateDirectory(path);
        // pid 1 is alive on every Linux machine and is not this process.
        ProcessIdentity init = ProcessIdentity.Of(1);
        Assert.True(init.IsAlive());
        File.WriteAllText(Path.Combine(path, TemporaryFolder.OwnerFileName), init + "\n");

        HarnessException e = Assert.Throws<HarnessException>(() => OwnedFolder.Create(path, interruption));
        Assert.Contains("in use by another nvbench (pid 1)", e.Message);
    }

    [Fact]
    public void AnOwnerFileStillBeingWrittenIsNotTakenOver()
    {
        using var parent = new ScratchFolder();
        string path = Path.Combine(parent.Path, "artifacts");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, TemporaryFolder.OwnerFileName), "");

        HarnessException e = Assert.Throws<HarnessException>(() => OwnedFolder.Create(path, interruption));
        Assert.Contains("is being claimed by another nvbench", e.Message);
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void AStaleOwnerFileIsReplacedWhenTheFolderIsNamed()
    {
        using var parent = new ScratchFolder();
        string path = Path.Combine(parent.Path, "artifacts");
        Directory.CreateDirectory(path);
        string stale = Path.Combine(path, TemporaryFolder.OwnerFileName);
        File.WriteAllText(stale, "not an identity\n");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1)); // a young one may still be being written

        using OwnedFolder folder = OwnedFolder.Create(path, interruption);
        Assert.Equal(path, folder.Path);
        Assert.Equal(ProcessIdentity.Current.ToString(), File.ReadAllText(Path.Combine(path, TemporaryFolder.OwnerFileName)).Trim());
        folder.Keep();
        Assert.False(File.Exists(Path.Combine(path, TemporaryFolder.OwnerFileName)));
    }
}
