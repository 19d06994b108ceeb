using NestedVirt.Harness.Kvm;
using Xunit.Abstractions;

namespace NestedVirt.Harness.Tests.Kvm;

// Every test that opens /dev/kvm lives in this class, so xunit runs them one at a time and the
// descriptor counts of the leak test are not disturbed by a sibling test.
public sealed class ExitCostCalibratorTests(ITestOutputHelper output)
{
    private const long Iterations = 100;

    private static readonly string[] GuestTests = ["outb_to_user", "hlt_to_user", "guest_loop", "cpuid"];

    [Fact]
    public void AbsentDeviceIsSkippedWithAReasonNamingThePath()
    {
        var result = new ExitCostCalibrator(new ExitCostCalibrationOptions { DevicePath = "/nonexistent/kvm" }).Run();
        Assert.Equal(ExitCostCalibration.StatusSkipped, result.Status);
        Assert.NotNull(result.Reason);
        Assert.Contains("/nonexistent/kvm", result.Reason);
        Assert.Contains("ENOENT", result.Reason);
        Assert.Empty(result.Tests);
    }

    [Fact]
    public void NonKvmDeviceIsSkippedAtTheApiVersionCheck()
    {
        // /dev/null opens but answers every ioctl with ENOTTY.
        var result = new ExitCostCalibrator(new ExitCostCalibrationOptions { DevicePath = "/dev/null" }).Run();
        Assert.Equal(ExitCostCalibration.StatusSkipped, result.Status);
        Assert.StartsWith("/dev/null: KVM_GET_API_VERSION failed", result.Reason);
    }

    [Fact]
    public void ShortCalibrationRunsEveryGuestExactlyTheRequestedIterations()
    {
        var result = Calibrate();
        if (!KvmAvailability.CanOpenDevice())
        {
            output.WriteLine("skipped (no usable /dev/kvm): " + result.Reason);
            Assert.Equal(ExitCostCalibration.StatusSkipped, result.Status);
            Assert.Contains(KvmAvailability.Device, result.Reason);
            return;
        }

        if (result.Status == ExitCostCalibration.StatusSkipped)
        {
            // The device opens but KVM cannot build a VM here: the reason must name the call.
            output.WriteLine("skipped: " + result.Reason);
            Assert.Contains("KVM_", result.Reason);
            return;
        }

        Assert.True(result.Status == ExitCostCalibration.StatusOk, result.Reason);
        Assert.Null(result.Reason);
        Assert.Equal(["ioctl", "run_immediate_exit", .. GuestTests], result.Tests.Select(t => t.Name));
        foreach (var name in GuestTests)
        {
            var test = result.Find(name)!;
            Assert.Equal(Iterations, test.IterationsPerBatch);
            Assert.Equal(Iterations, test.GuestIterations);
            Assert.Equal(3, test.Batches);
            Assert.True(double.IsFinite(test.MedianNs), name);
            Assert.True(test.MinNs <= test.MedianNs && test.MedianNs <= test.MaxNs, name);
            output.WriteLine($"{name} {test.MedianNs:F0}");
        }

        // Measured directly, so strictly positive; guest_loop and cpuid are differences and may
        // round to about zero on hardware that runs them natively.
        Assert.Null(result.Find("ioctl")!.GuestIterations);
        Assert.Null(result.Find("run_immediate_exit")!.GuestIterations);
        Assert.All(new[] { "ioctl", "run_immediate_exit", "outb_to_user", "hlt_to_user" }, name => Assert.True(result.Find(name)!.MinNs > 0, name));
    }

    [Fact]
    public void CalibrationClosesEveryKvmDescriptorAndMappingItOpens()
    {
        int fdsBefore = CountKvmDescriptors();
        int mapsBefore = CountKvmMappings();
        var result = Calibrate();
        output.WriteLine(result.Status + " " + result.Reason);
        Assert.Equal(fdsBefore, CountKvmDescriptors());
        Assert.Equal(mapsBefore, CountKvmMappings());
    }

    [Fact]
    public void GuestThatOutsToAnotherPortFailsTheRunWithThePort()
    {
        if (!KvmDevice.TryOpen(KvmAvailability.Device, out var device, out string reason))
        {
            output.WriteLine("skipped: " + reason);
            Assert.Contains(KvmAvailability.Device, reason);
            return;
        }

        using (device)
        {
            Assert.True(RealModeVm.TryCreate(device!, out var machine, out reason), reason);
            using (machine)
            {
                var wrong = GuestProgram.Assemble("wrong_port", LoopExit.Io, static a =>
                {
                    a.mov(Iced.Intel.AssemblerRegisters.dx, (ushort)0x3F8);
                    a.@out(Iced.Intel.AssemblerRegisters.dx, Iced.Intel.AssemblerRegisters.al);
                });
                machine!.Load(wrong);
                Assert.True(machine.TryStart(5, out reason), reason);
                Assert.False(machine.TryRunToEnd(wrong.LoopExit, out long exits, out reason));
                Assert.Equal(0, exits);
                Assert.Contains("port 0x03f8", reason);
            }
        }
    }

    [Fact]
    public void GuestThatCountsWrongIsReportedFailedNotMeasured()
    {
        if (!KvmDevice.TryOpen(KvmAvailability.Device, out var device, out string reason))
        {
            output.WriteLine("skipped: " + reason);
            Assert.Contains(KvmAvailability.Device, reason);
            return;
        }

        using (device)
        {
            Assert.True(RealModeVm.TryCreate(device!, out var machine, out reason), reason);
            using (machine)
            {
                // An extra INC ESI per iteration: the guest claims twice the iterations it ran.
                var lying = GuestProgram.Assemble("lying", LoopExit.None, static a => a.inc(Iced.Intel.AssemblerRegisters.esi));
                var options = new ExitCostCalibrationOptions { FixedIterations = 7, Batches = 1 };
                var runner = new MicroTestRunner(machine!, device!, options, TimeSpan.FromSeconds(5));
                Assert.False(runner.TryMeasure(lying, out var series, out reason));
                Assert.Null(series);
                Assert.Equal("lying: guest ESI (iterations run) was 14, expected 7", reason);
            }
        }
    }

    [Fact]
    public void TimedGuestRunAllocatesNothing()
    {
        if (!KvmDevice.TryOpen(KvmAvailability.Device, out var device, out string reason))
        {
            output.WriteLine("skipped: " + reason);
            Assert.Contains(KvmAvailability.Device, reason);
            return;
        }

        using (device)
        {
            Assert.True(RealModeVm.TryCreate(device!, out var machine, out reason), reason);
            using (machine)
            {
                var program = GuestProgram.OutLoop();
                machine!.Load(program);
                long exits = 0;
                for (int warm = 0; warm < 3; warm++)
                    Assert.True(machine.TryStart(20, out reason) && machine.TryRunToEnd(program.LoopExit, out exits, out reason), reason);

                long before = GC.GetAllocatedBytesForCurrentThread();
                bool ok = true;
                for (int i = 0; i < 50; i++)
                    ok &= machine.TryStart(20, out reason) && machine.TryRunToEnd(program.LoopExit, out exits, out reason);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

                Assert.True(ok, reason);
                Assert.Equal(20, exits);
                Assert.Equal(0, allocated);
            }
        }
    }

    [Fact]
    public void OutOfRangeOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExitCostCalibrator(new ExitCostCalibrationOptions { Batches = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExitCostCalibrator(new ExitCostCalibrationOptions { FixedIterations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExitCostCalibrator(new ExitCostCalibrationOptions { FixedIterations = 1L << 32 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExitCostCalibrator(new ExitCostCalibrationOptions { Budget = TimeSpan.Zero }));
    }

    private static ExitCostCalibration Calibrate() =>
        new ExitCostCalibrator(new ExitCostCalibrationOptions { FixedIterations = Iterations, Batches = 3 }).Run();

    private static int CountKvmDescriptors()
    {
        int count = 0;
        foreach (var fd in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && IsKvmObject(target))
                    count++;
            }
            catch (IOException)
            {
                // The descriptor closed between listing and reading: not ours.
            }
        }

        return count;
    }

    private static int CountKvmMappings() => File.ReadAllLines("/proc/self/maps").Count(IsKvmObject);

    // The system fd links to /dev/kvm; VM and vCPU fds, and the kvm_run mapping, are anonymous
    // inodes named anon_inode:kvm-vm and anon_inode:kvm-vcpu:N (fs/anon_inodes.c names).
    private static bool IsKvmObject(string text) =>
        text.Contains("anon_inode:kvm", StringComparison.Ordinal) || text.EndsWith(KvmAvailability.Device, StringComparison.Ordinal);
}
