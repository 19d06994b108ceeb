using System.Diagnostics;
using System.Globalization;

namespace NestedVirt.Harness.Kvm;

/// <summary>
/// Times one micro-test: a warm-up batch, then (unless the iteration count is fixed) doubling
/// until a batch lasts the target time, then the timed batches. After every guest batch the
/// registers are read back, so a number is only kept when the guest provably ran N iterations
/// and reached its final OUT.
/// </summary>
internal sealed class MicroTestRunner
{
    private readonly RealModeVm machine;
    private readonly KvmDevice device;
    private readonly ExitCostCalibrationOptions options;
    private readonly long budgetTicks;
    private readonly long targetTicks;
    private long lastGuestIterations;

    public MicroTestRunner(RealModeVm machine, KvmDevice device, ExitCostCalibrationOptions options, TimeSpan perTestBudget)
    {
        this.machine = machine;
        this.device = device;
        this.options = options;
        budgetTicks = ToTicks(perTestBudget);
        targetTicks = ToTicks(options.TargetBatchTime);
    }

    /// <summary>Times <paramref name="program"/> and returns its raw batch times.</summary>
    public bool TryMeasure(GuestProgram program, out BatchSeries? series, out string reason)
    {
        machine.Load(program);
        return TryMeasureWith(program.Name, Batch, guestRuns: true, out series, out reason);

        bool Batch(long iterations, out long ticks, out string why) => TryGuestBatch(program, iterations, out ticks, out why);
    }

    /// <summary>Times <c>KVM_CHECK_EXTENSION</c> on the system fd, the syscall floor.</summary>
    public bool TryMeasureIoctl(out BatchSeries? series, out string reason) =>
        TryMeasureWith("ioctl", TryIoctlBatch, guestRuns: false, out series, out reason);

    private delegate bool BatchFunc(long iterations, out long ticks, out string reason);

    private bool TryMeasureWith(string name, BatchFunc batch, bool guestRuns, out BatchSeries? series, out string reason)
    {
        series = null;
        long start = Stopwatch.GetTimestamp();
        long iterations = options.FixedIterations ?? options.InitialIterations;
        if (!batch(iterations, out long ticks, out reason))
            return Failed(name, reason, out reason);

        while (options.FixedIterations is null)
        {
            if (!batch(iterations, out ticks, out reason))
                return Failed(name, reason, out reason);
            bool fitsBudget = ticks * 2 * options.Batches <= budgetTicks;
            if (ticks >= targetTicks || iterations * 2 > options.MaxIterations || !fitsBudget)
                break;
            iterations *= 2;
        }

        var times = new List<double>(options.Batches);
        for (int i = 0; i < options.Batches; i++)
        {
            if (!batch(iterations, out ticks, out reason))
                return Failed(name, reason, out reason);
            times.Add(ticks * (1e9 / Stopwatch.Frequency));
            if (Stopwatch.GetTimestamp() - start > budgetTicks)
                break;
        }

        series = new BatchSeries(name, iterations, times.ToArray(), guestRuns ? lastGuestIterations : null);
        return true;
    }

    private bool TryGuestBatch(GuestProgram program, long iterations, out long ticks, out string reason)
    {
        ticks = 0;
        lastGuestIterations = -1;
        if (!machine.TryStart((uint)iterations, out reason))
            return false;

        long t0 = Stopwatch.GetTimestamp();
        bool ended = machine.TryRunToEnd(program.LoopExit, out long loopExits, out reason);
        ticks = Stopwatch.GetTimestamp() - t0;
        if (!ended)
            return false;

        long expectedExits = program.LoopExit == LoopExit.None ? 0 : iterations;
        if (loopExits != expectedExits)
            return Mismatch("loop exits", loopExits, expectedExits, out reason);
        if (!machine.TryGetRegs(out var regs, out reason))
            return false;

        lastGuestIterations = (uint)regs.Rsi;
        if (lastGuestIterations != iterations)
            return Mismatch("guest ESI (iterations run)", lastGuestIterations, iterations, out reason);
        if ((uint)regs.Rdi != 0)
            return Mismatch("guest EDI (iterations left)", (uint)regs.Rdi, 0, out reason);
        if (regs.Rip != program.EndRip)
            return Mismatch("guest RIP after the final OUT", (long)regs.Rip, (long)program.EndRip, out reason);
        return true;
    }

    private bool TryIoctlBatch(long iterations, out long ticks, out string reason)
    {
        long t0 = Stopwatch.GetTimestamp();
        int failures = 0;
        for (long i = 0; i < iterations; i++)
        {
            if (device.CheckUserMemory() <= 0)
                failures++;
        }

        ticks = Stopwatch.GetTimestamp() - t0;
        if (failures != 0)
            return Mismatch("failed KVM_CHECK_EXTENSION calls", failures, 0, out reason);
        reason = "";
        return true;
    }

    private static bool Mismatch(string what, long actual, long expected, out string reason)
    {
        reason = string.Create(CultureInfo.InvariantCulture, $"{what} was {actual}, expected {expected}");
        return false;
    }

    private static bool Failed(string name, string why, out string reason)
    {
        reason = name + ": " + why;
        return false;
    }

    private static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}
