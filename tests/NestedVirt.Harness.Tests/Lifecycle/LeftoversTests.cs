using System.Diagnostics;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Tests.Git;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Lifecycle;

/// <summary>After a SIGKILL the next long verb removes what was left, and says so (issue 11 item 2).</summary>
public sealed class LeftoversTests : IDisposable
{
    private readonly ScratchFolder temp = new();
    private readonly StringWriter report = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AFolderOfADeadProcessIsRemovedAndNamed()
    {
        string stale = MakeFolder("nvbench-run-dead", DeadProcess().ToString());

        int removed = Leftovers.Sweep(temp.Path, [], report);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(stale));
        Assert.StartsWith($"nvbench: removed {stale}, left by an interrupted nvbench (pid ", report.ToString());
    }

    [Fact]
    public void FoldersOfLiveProcessesAndFoldersWithoutOwnerAreLeftAlone()
    {
        string mine = MakeFolder("nvbench-run-mine", ProcessIdentity.Current.ToString());
        string foreign = MakeFolder("nvbench-tests-foreign", null);
        string garbled = MakeFolder("nvbench-ab-garbled", "not an identity");

        Assert.Equal(0, Leftovers.Sweep(temp.Path, [], report));

        Assert.True(Directory.Exists(mine));
        Assert.True(Directory.Exists(foreign));
        Assert.True(Directory.Exists(garbled));
        Assert.Equal("", report.ToString());
    }

    [Fact]
    public void AReusedPidWithAnotherStartTimeIsNotTheOwner()
    {
        var impostor = new ProcessIdentity(Environment.ProcessId, ProcessIdentity.Current.StartTicks + 1);
        string stale = MakeFolder("nvbench-run-reused", impostor.ToString());

        Leftovers.Sweep(temp.Path, [], report);

        Assert.Equal(ProcessIdentity.Current.StartTicks == 0, Directory.Exists(stale));
    }

    [Fact]
    public void HalfWrittenFilesOfDeadWritersGoFromResultsMachineAndBaselineFolders()
    {
        int dead = DeadProcess().Pid;
        string results = temp.Combine("results");
        string inMachine = temp.Write($"results/amd-epyc-2cpu-0badcafe/.20260314T091500Z-0123456789ab.json.tmp-{dead}-0a1b2c3d", "");
        string inBaseline = temp.Write($"results/baseline/.ci-baseline.json.tmp-{dead}-0a1b2c3d", "{");
        string live = temp.Write($"results/baseline/.ci-baseline.json.tmp-{Environment.ProcessId}-0a1b2c3d", "");
        string legacy = temp.Write("results/baseline/.ci-baseline.json.tmp-0a1b2c3d", "");
        string run = temp.Write("results/amd-epyc-2cpu-0badcafe/20260314T091500Z-0123456789ab.json", "{}");

        int removed = Leftovers.Sweep(temp.Combine("no-temp-here"), [results], report);

        Assert.Equal(2, removed);
        Assert.False(File.Exists(inMachine));
        Assert.False(File.Exists(inBaseline));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(legacy));
        Assert.True(File.Exists(run));
        Assert.Contains($"nvbench: removed {inBaseline}, half-written by an interrupted nvbench (pid {dead})", report.ToString());
    }

    [Fact]
    public void WorktreesInsideAStaleFolderArePrunedFromTheirRepository()
    {
        using var repository = new TempGitRepository();
        repository.Commit("a.txt", "a");
        string stale = MakeFolder("nvbench-ab-killed", DeadProcess().ToString());
        string worktree = Path.Combine(stale, "a");
        repository.Git("worktree", "add", "--detach", worktree, "HEAD");
        Assert.Contains(worktree, repository.Git("worktree", "list"));

        Leftovers.Sweep(temp.Path, [], report);

        Assert.False(Directory.Exists(stale));
        Assert.DoesNotContain(worktree, repository.Git("worktree", "list"));
        Assert.Contains("and pruned its worktrees from ", report.ToString());
    }

    private string MakeFolder(string name, string? owner)
    {
        string path = temp.Combine(name);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "artifact.log"), "benchmark output");
        if (owner is not null)
        {
            File.WriteAllText(Path.Combine(path, TemporaryFolder.OwnerFileName), owner);
        }

        return path;
    }

    // A process that ran and is gone: its pid is free (until reused, which the start time catches).
    private static ProcessIdentity DeadProcess()
    {
        using Process process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        ProcessIdentity identity = ProcessIdentity.Of(process.Id);
        process.WaitForExit();
        return identity;
    }
}
