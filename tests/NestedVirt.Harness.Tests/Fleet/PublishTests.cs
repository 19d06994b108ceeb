using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Fleet;
using NestedVirt.Harness.Index;

namespace NestedVirt.Harness.Tests.Fleet;

public sealed class PublishTests : IDisposable
{
    private const string Branch = "nvbench-results";
    private readonly SharedRemote remote = new();

    public void Dispose() => remote.Dispose();

    private static PublishReport Publish(string checkout, string machineId, Action<int>? beforePush = null)
    {
        using ResultsIndex index = ResultsIndex.Open(Path.Combine(checkout, "results"));
        var files = index.Runs(machineId).Select(r => (r.Path, $"{machineId}/{Path.GetFileName(r.Path)}")).ToList();
        return new ResultsPublisher(checkout, "origin", Branch, beforePush).Publish(files, null);
    }

    private static string BranchPath(string file) => $"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}";

    [Fact]
    public void FirstPublishCreatesTheBranchWithTheMachinesRuns()
    {
        string vmx = remote.Machine("vmx");
        string[] runs = [remote.StoreRun(vmx, "vmx-host"), remote.StoreRun(vmx, "vmx-host")];

        PublishReport report = Publish(vmx, "vmx-host");

        Assert.Equal(runs.Select(BranchPath).Order(StringComparer.Ordinal), report.Published);
        Assert.Equal(runs.Select(BranchPath).Order(StringComparer.Ordinal), remote.BranchFiles(Branch));
        Assert.Equal(1, report.Attempts);

        // The checkout itself is untouched: still on main, nothing staged.
        Assert.Equal("main", SharedRemote.Git(vmx, "rev-parse", "--abbrev-ref", "HEAD").Trim());
        Assert.Equal("", SharedRemote.Git(vmx, "diff", "--cached", "--name-only"));
    }

    [Fact]
    public void PublishingAgainSendsOnlyNewRuns()
    {
        string vmx = remote.Machine("vmx");
        remote.StoreRun(vmx, "vmx-host");
        Publish(vmx, "vmx-host");
        string later = remote.StoreRun(vmx, "vmx-host");

        PublishReport report = Publish(vmx, "vmx-host");

        Assert.Equal([BranchPath(later)], report.Published);
        Assert.Equal(1, report.AlreadyThere);
        Assert.Null(Publish(vmx, "vmx-host").Commit);
    }

    [Fact]
    public void PushRejectedBecauseAnotherMachinePushedFirstIsRetriedOnTopOfIt()
    {
        string vmx = remote.Machine("vmx");
        string svm = remote.Machine("svm");
        string vmxRun = remote.StoreRun(vmx, "vmx-host");
        string svmRun = remote.StoreRun(svm, "svm-host");

        // Between VMX's fetch and its first push, the SVM host publishes.
        PublishReport report = Publish(vmx, "vmx-host", attempt =>
        {
            if (attempt == 1)
            {
                Publish(svm, "svm-host");
            }
        });

        Assert.Equal(2, report.Attempts);
        Assert.Equal(new[] { BranchPath(svmRun), BranchPath(vmxRun) }.Order(StringComparer.Ordinal), remote.BranchFiles(Branch));
    }

    [Fact]
    public void TwoMachinesPublishingConcurrentlyLoseNothing()
    {
        string vmx = remote.Machine("vmx");
        string svm = remote.Machine("svm");
        var expected = new System.Collections.Concurrent.ConcurrentBag<string>();
        void Machine(string checkout, string id)
        {
            for (int round = 0; round < 4; round++)
            {
                expected.Add(BranchPath(remote.StoreRun(checkout, id)));
                expected.Add(BranchPath(remote.StoreRun(checkout, id)));
                Publish(checkout, id);
            }
        }

        Parallel.Invoke(() => Machine(vmx, "vmx-host"), () => Machine(svm, "svm-host"));

        Assert.Equal(16, expected.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), remote.BranchFiles(Branch));
    }

    [Fact]
    public void SameNameWithOtherBytesIsReportedAndNotOverwritten()
    {
        string a = remote.Machine("a");
        string b = remote.Machine("b");
        string run = remote.StoreRun(a, "vmx-host");
        Publish(a, "vmx-host");
        string copy = Path.Combine(b, "results", "vmx-host", Path.GetFileName(run));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, File.ReadAllText(run).Replace("\"job\": \"full\"", "\"job\": \"other\"", StringComparison.Ordinal));

        PublishReport report = Publish(b, "vmx-host");

        Assert.Equal([BranchPath(run)], report.Conflicts);
        Assert.Empty(report.Published);
        Assert.Equal(File.ReadAllText(run), SharedRemote.Git(remote.Bare, "show", $"{Branch}:{BranchPath(run)}"));
    }

    [Fact]
    public void UnreachableRemoteIsOneLineNamingGitsError()
    {
        string vmx = remote.Machine("vmx");
        remote.StoreRun(vmx, "vmx-host");
        SharedRemote.Git(vmx, "remote", "set-url", "origin", Path.Combine(vmx, "no-such-remote.git"));

        var ex = Assert.Throws<HarnessException>(() => Publish(vmx, "vmx-host"));

        Assert.StartsWith("git fetch from origin failed:", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
