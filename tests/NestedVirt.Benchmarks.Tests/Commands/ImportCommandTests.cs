using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Fleet;
using NestedVirt.Harness.Index;
using NestedVirt.Harness.Tests.Fleet;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private const string Branch = "nvbench-results";
    private readonly SharedRemote remote = new();

    public void Dispose() => remote.Dispose();

    private static PublishReport Publish(string checkout, string machineId)
    {
        using ResultsIndex index = ResultsIndex.Open(Path.Combine(checkout, "results"));
        var files = index.Runs(machineId).Select(r => (r.Path, $"{machineId}/{Path.GetFileName(r.Path)}")).ToList();
        return new ResultsPublisher(checkout, "origin", Branch, null).Publish(files, null);
    }

    [Fact]
    public void ImportFromTheBranchGivesAThirdMachineEveryRun()
    {
        string vmx = remote.Machine("vmx");
        string svm = remote.Machine("svm");
        string laptop = remote.Machine("laptop");
        remote.StoreRun(vmx, "vmx-host");
        remote.StoreRun(svm, "svm-host");
        Publish(vmx, "vmx-host");
        Publish(svm, "svm-host");
        var output = new StringWriter();
        var context = new CommandContext(output, new StringWriter(), laptop);

        int exit = new ImportCommand().Run(["--branch", Branch], context);
        int again = new ImportCommand().Run(["--branch", Branch], context);

        Assert.Equal(0, exit);
        Assert.Equal(0, again);
        Assert.Contains("import: 2 new run(s), 0 already here", output.ToString());
        Assert.Contains("import: 0 new run(s), 2 already here", output.ToString());
        using ResultsIndex index = ResultsIndex.Open(Path.Combine(laptop, "results"));
        Assert.Equal(["svm-host", "vmx-host"], index.Machines());
    }
}
