using System.Runtime.InteropServices;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Lifecycle;

public sealed class TemporaryFolderTests
{
    private readonly Interruption interruption = new(TextWriter.Null, stopChildren: () => 0, exit: _ => { });

    [Fact]
    public void AFolderNamesItsOwnerAndIsGoneAfterDispose()
    {
        using var parent = new ScratchFolder();
        string path;
        using (TemporaryFolder folder = TemporaryFolder.Create("run", interruption, parent.Path))
        {
            path = folder.Path;
            Assert.StartsWith(Path.Combine(parent.Path, "nvbench-run-"), path);
            Assert.Equal(ProcessIdentity.Current.ToString(), File.ReadAllText(Path.Combine(path, TemporaryFolder.OwnerFileName)).Trim());
        }

        Assert.False(Directory.Exists(path));
        Assert.Equal(0, interruption.Cleanups.Count);
    }

    [Fact]
    public void ASignalRemovesTheFolder()
    {
        using var parent = new ScratchFolder();
        TemporaryFolder folder = TemporaryFolder.Create("icount", interruption, parent.Path);
        File.WriteAllText(Path.Combine(folder.Path, "callgrind.out"), "events: Ir");

        interruption.Raise(PosixSignal.SIGTERM);

        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public void AKeptFolderStaysAndLosesItsOwnerFile()
    {
        using var parent = new ScratchFolder();
        TemporaryFolder folder = TemporaryFolder.Create("run", interruption, parent.Path);

        folder.Keep();
        folder.Dispose();
        interruption.Raise(PosixSignal.SIGINT);

        Assert.True(Directory.Exists(folder.Path));
        Assert.False(File.Exists(Path.Combine(folder.Path, TemporaryFolder.OwnerFileName)));
    }

    // Issue 11 item 6: an unwritable TMPDIR crashed run and icount with a stack trace (exit 134).
    [Fact]
    public void AMissingTemporaryRootIsNotCreated()
    {
        using var parent = new ScratchFolder();
        string missing = parent.Combine("no", "such", "tmp");

        HarnessException e = Assert.Throws<HarnessException>(() => TemporaryFolder.Create("run", interruption, missing));

        Assert.Equal($"temporary folder '{missing}' does not exist or is not a folder", e.Message);
        Assert.False(Directory.Exists(parent.Combine("no")));
    }

    [Fact]
    public void AnUnusableTemporaryRootIsOneHarnessExceptionNamingIt()
    {
        using var parent = new ScratchFolder();
        string notAFolder = parent.Write("file", "a regular file where TMPDIR should be a folder");

        HarnessException e = Assert.Throws<HarnessException>(() => TemporaryFolder.Create("run", interruption, notAFolder));

        Assert.Equal($"temporary folder '{notAFolder}' does not exist or is not a folder", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(0, interruption.Cleanups.Count);
    }
}
