namespace NestedVirt.Harness.Kvm;

/// <summary>
/// Measures what exits cost on this machine through <c>/dev/kvm</c>, in the spirit of
/// kvm-unit-tests <c>x86/vmexit.c</c>, with real-mode guests assembled by Iced:
/// <list type="bullet">
/// <item><c>ioctl</c>: one <c>KVM_CHECK_EXTENSION</c> on the system fd, the syscall floor under every KVM_RUN
/// (not a KVM_RUN: it loads no vCPU).</item>
/// <item><c>run_immediate_exit</c>: one <c>KVM_RUN</c> with <c>kvm_run.immediate_exit</c> set, which returns
/// -EINTR before entering the guest: the vCPU load/put and ioctl cost every userspace exit pays.</item>
/// <item><c>outb_to_user</c>, <c>hlt_to_user</c>: batch time / (N + 1) for N loop exits plus the final OUT, each a full
/// round trip guest → KVM → userspace → guest (including the guest's three loop instructions, as vmexit.c does).</item>
/// <item><c>guest_loop</c>: (batch − one userspace exit) / N for the loop with no exit: near zero where the CPU runs
/// real mode natively, large where KVM emulates it (e.g. PVM), which is why <c>cpuid</c> subtracts it.</item>
/// <item><c>cpuid</c>: (CPUID batch − the plain-loop batch run just before it) / N: one exit KVM completes in the
/// kernel, with the final userspace exit and the loop's own cost cancelled pair by pair.</item>
/// </list>
/// KVM missing in any way gives status skipped; a guest that does not exit, count or end as
/// assembled gives status failed. Never throws for either.
/// </summary>
public sealed class ExitCostCalibrator
{
    // Budget shares: ioctl, run_immediate_exit, outb_to_user, hlt_to_user, and two for the cpuid/guest_loop pair.
    private const int TestCount = 6;

    private readonly ExitCostCalibrationOptions options;

    /// <summary>Creates a calibrator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (a caller bug).</exception>
    public ExitCostCalibrator(ExitCostCalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Batches, 1, nameof(options.Batches));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InitialIterations, 1, nameof(options.InitialIterations));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxIterations, uint.MaxValue, nameof(options.MaxIterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIterations, options.InitialIterations, nameof(options.MaxIterations));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Budget, TimeSpan.Zero, nameof(options.Budget));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TargetBatchTime, TimeSpan.Zero, nameof(options.TargetBatchTime));
        if (options.FixedIterations is long fixedIterations)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(fixedIterations, 1, nameof(options.FixedIterations));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(fixedIterations, uint.MaxValue, nameof(options.FixedIterations));
        }

        this.options = options;
    }

    /// <summary>Runs every test in order and returns what it measured, or why it could not.</summary>
    public ExitCostCalibration Run()
    {
        var host = HostInfo.Read();
        var result = new ExitCostCalibration
        {
            Device = options.DevicePath,
            HostIsVirtualMachine = host.IsVirtualMachine,
            CpuVirtualization = host.CpuVirtualization,
            CpuModel = host.CpuModel,
        };

        if (!KvmDevice.TryOpen(options.DevicePath, out var device, out string reason))
            return Finish(result, ExitCostCalibration.StatusSkipped, reason);
        using (device)
        {
            // Failing to build the smallest VM means KVM is not usable here: skipped, not failed.
            if (!RealModeVm.TryCreate(device!, out var machine, out reason))
                return Finish(result, ExitCostCalibration.StatusSkipped, options.DevicePath + ": " + reason);
            using (machine)
            {
                var runner = new MicroTestRunner(machine!, device!, options, options.Budget / TestCount);
                if (!Measure(runner, result, out reason))
                    return Finish(result, ExitCostCalibration.StatusFailed, reason);
            }
        }

        return Finish(result, ExitCostCalibration.StatusOk, null);
    }

    private static bool Measure(MicroTestRunner runner, ExitCostCalibration result, out string reason)
    {
        if (!runner.TryMeasureIoctl(out var ioctl, out reason))
            return false;
        result.Tests.Add(ioctl!.Summarise(ns => ns / ioctl.Iterations));

        if (!runner.TryMeasureImmediateExit(out var immediate, out reason))
            return false;
        result.Tests.Add(immediate!.Summarise(ns => ns / immediate.Iterations));

        if (!runner.TryMeasure(GuestProgram.OutLoop(), out var outb, out reason))
            return false;
        var userExit = outb!.Summarise(ns => ns / (outb.Iterations + 1));
        result.Tests.Add(userExit);

        if (!runner.TryMeasure(GuestProgram.HltLoop(), out var hlt, out reason))
            return false;
        result.Tests.Add(hlt!.Summarise(ns => ns / (hlt.Iterations + 1)));

        // The plain loop and CPUID run in alternating batches of equal size; a CPUID batch minus
        // its neighbouring plain batch cancels the final OUT and the loop instructions alike.
        // guest_loop takes out the final OUT with userExit.MedianNs, which itself includes one
        // loop iteration: a bias of guest_loop / N, negligible at the batch sizes used.
        if (!runner.TryMeasurePair(GuestProgram.CpuidLoop(), GuestProgram.PlainLoop(), out var cpuid, out var plain, out reason))
            return false;
        double oneUserExit = userExit.MedianNs;
        result.Tests.Add(plain!.Summarise(ns => (ns - oneUserExit) / plain.Iterations));
        result.Tests.Add(cpuid!.Minus(plain).Summarise(ns => ns / cpuid.Iterations));
        return true;
    }

    private static ExitCostCalibration Finish(ExitCostCalibration result, string status, string? reason)
    {
        result.Status = status;
        result.Reason = reason;
        return result;
    }
}
