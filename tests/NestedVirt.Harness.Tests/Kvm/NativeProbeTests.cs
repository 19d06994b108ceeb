using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Kvm;
using NestedVirt.Harness.Tests.Commands;

namespace NestedVirt.Harness.Tests.Kvm;

public sealed class NativeProbeTests
{
    private const string Shared = "# fd table: shared, 2 threads\n";

    [Theory]
    [InlineData("# fd table: private, 1 threads\nioctl 220 219 221 10 262144\n", "the probe's fd table was not shared ('# fd table: private, 1 threads'), so its ioctls are cheaper than this process's")]
    [InlineData("# fd table: shared, 1 threads\nioctl 220 219 221 10 262144\n", "the probe's fd table was not shared ('# fd table: shared, 1 threads'), so its ioctls are cheaper than this process's")]
    [InlineData("ioctl 220 219 221 10 262144\n", "the probe did not say its fd table was shared before 'ioctl 220 219 221 10 262144'")]
    public void AProbeWhoseFdTableWasNotSharedIsRefused(string output, string reason)
    {
        var result = NativeProbe.Parse(output, new ExitCostCalibration());

        Assert.Equal(ExitCostCalibration.StatusFailed, result.Status);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void TheRealProbeSharesItsFdTableBeforeItOpensTheDevice()
    {
        // Built with the real cc and run against a device that does not exist: the probe must
        // report a shared fd table with a second thread the kernel counts, then skip.
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        string device = Path.Combine(Path.GetTempPath(), "nvbench-no-such-kvm-" + Guid.NewGuid().ToString("N"));

        var result = new NativeProbe().Run(root, 1, device);

        if (ExecutableLocator.Find("cc") is null)
        {
            Assert.Equal("no C compiler (cc) on PATH; Debian package gcc", result.Reason);
            return;
        }

        Assert.Equal(ExitCostCalibration.StatusSkipped, result.Status);
        Assert.Equal(device + ": No such file or directory", result.Reason);
    }

    [Fact]
    public void ProbeLinesBecomeSamplesByName()
    {
        var result = NativeProbe.Parse(Shared + "ioctl 341.5 300.0 400.0 10 65536\ncpuid 878.0 100.0 1200.0 10 8192\n", new ExitCostCalibration());

        Assert.Equal(ExitCostCalibration.StatusOk, result.Status);
        Assert.Equal(341.5, result.Find("ioctl")!.MedianNs);
        Assert.Equal(8192, result.Find("cpuid")!.IterationsPerBatch);
    }

    [Fact]
    public void ASkippedProbeSaysWhyAndAGarbledLineFails()
    {
        Assert.Equal("/dev/kvm: No such file or directory",
            NativeProbe.Parse(Shared + "skipped: /dev/kvm: No such file or directory\n", new ExitCostCalibration()).Reason);
        var garbled = NativeProbe.Parse(Shared + "ioctl many\n", new ExitCostCalibration());
        Assert.Equal(ExitCostCalibration.StatusFailed, garbled.Status);
        Assert.Equal("unreadable probe line 'ioctl many'", garbled.Reason);
    }

    [Fact]
    public void WithoutACompilerTheProbeIsSkippedInOneLineAndNothingRuns()
    {
        var processes = new FakeProcessRunner((_, _, _) => throw new InvalidOperationException("nothing may run"));
        var probe = new NativeProbe(processes, findExecutable: _ => null);

        var result = probe.Run(".", 10, "/dev/kvm");

        Assert.Equal(ExitCostCalibration.StatusSkipped, result.Status);
        Assert.Equal("no C compiler (cc) on PATH; Debian package gcc", result.Reason);
        Assert.Empty(processes.Calls);
    }

    [Fact]
    public void TheProbeIsBuiltWithCcThenRunWithTheBatchesAndDevice()
    {
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var processes = new FakeProcessRunner((file, _, _) =>
            new ProcessResult(0, file.EndsWith("kvm_exit_probe", StringComparison.Ordinal) ? Shared + "outb_to_user 8000 7000 9000 7 2048\n" : "", ""));
        var probe = new NativeProbe(processes, findExecutable: _ => "/usr/bin/cc");

        var result = probe.Run(root, 7, "/dev/kvm");

        Assert.Equal(ExitCostCalibration.StatusOk, result.Status);
        Assert.Equal(2, processes.Calls.Count);
        Assert.Equal("/usr/bin/cc", processes.Calls[0].FileName);
        Assert.Equal(Path.Combine(root, NativeProbe.SourcePath), processes.Calls[0].Arguments[^1]);
        Assert.Contains("-pthread", processes.Calls[0].Arguments);
        Assert.Equal(["7", "/dev/kvm", "shared"], processes.Calls[1].Arguments);
        Assert.Equal(8000, result.Find("outb_to_user")!.MedianNs);
    }
}
