using System.Diagnostics;
using System.Globalization;

namespace NestedVirt.Harness.Kvm;

/// <summary>
/// Times micro-tests: a warm-up batch, then (unless the iteration count is fixed) doubling
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

    /// <summary>A runner whose tests each get <paramref name="perTestBudget"/> of wall-clock time (a pair two).</summary>
    public MicroTestRunner(RealModeVm machine, KvmDevice device, ExitCostCalibrationOptions options, TimeSpan perTestBudget)
    {
        this.machine = machine;
        this.device = device;
        this.options = options;
        budgetTicks = ToTicks(perTestBudget);
        targetTicks = ToTicks(options.TargetBatchTime);
    }

    private delegate bool BatchFunc(long iterations, out long ticks, out string reason);

    /// <summary>Times <c>KVM_CHECK_EXTENSION</c> on the system fd, the syscall floor.</summary>
    public bool TryMeasureIoctl(out BatchSeries? series, out string reason) =>
        TryMeasureHostOnly("ioctl", TryIoctlBatch, out series, out reason);

    /// <summary>Times <c>KVM_RUN</c> with <c>immediate_exit</c>: the ioctl round trip without entering the guest.</summary>
    public bool TryMeasureImmediateExit(out BatchSeries? series, out string reason) =>
        TryMeasureHostOnly("run_immediate_exit", TryImmediateBatch, out series, out reason);

    private bool TryMeasureHostOnly(string name, BatchFunc batch, out BatchSeries? series, out string reason)
    {
        series = null;
        long start = Stopwatch.GetTimestamp();
        if (!TryFindIterations(name, batch, out long iterations, out reason))
            return false;
        var times = new List<double>(options.Batches);
        while (times.Count < options.Batches && (times.Count == 0 || Stopwatch.GetTimestamp() - start <= budgetTicks))
        {
            if (!batch(iterations, out long ticks, out reason))
                return Failed(name, reason, out reason);
            times.Add(ToNs(ticks));
        }

        series = new BatchSeries(name, iterations, times.ToArray(), null);
        return true;
    }

    private bool TryImmediateBatch(long iterations, out long ticks, out string reason)
    {
        long t0 = Stopwatch.GetTimestamp();
        bool ok = machine.TryRunImmediateExits(iterations, out reason);
        ticks = Stopwatch.GetTimestamp() - t0;
        return ok;
    }

    /// <summary>Times <paramref name="program"/> and returns its raw batch times.</summary>
    public bool TryMeasure(GuestProgram program, out BatchSeries? series, out string reason)
    {
        series = null;
        long start = Stopwatch.GetTimestamp();
        machine.Load(program);
        if (!TryFindIterations(program.Name, Batch, out long iterations, out reason))
            return false;
        var times = new List<double>(options.Batches);
        while (times.Count < options.Batches && (times.Count == 0 || Stopwatch.GetTimestamp() - start <= budgetTicks))
        {
            if (!TryGuestBatch(program, iterations, out long ticks, out reason))
                return Failed(program.Name, reason, out reason);
            times.Add(ToNs(ticks));
        }

        series = new BatchSeries(program.Name, iterations, times.ToArray(), lastGuestIterations);
        return true;

        bool Batch(long n, out long ticks, out string why) => TryGuestBatch(program, n, out ticks, out why);
    }

    /// <summary>
    /// Times <paramref name="subject"/> and <paramref name="baseline"/> in alternating batches of
    /// the same size, so each subject batch has a baseline batch taken under the same machine
    /// load and the per-pair difference isolates what the subject adds.
    /// </summary>
    public bool TryMeasurePair(
        GuestProgram subject, GuestProgram baseline, out BatchSeries? subjectSeries, out BatchSeries? baselineSeries, out string reason)
    {
        subjectSeries = null;
        baselineSeries = null;
        long start = Stopwatch.GetTimestamp();
        machine.Load(subject);
        if (!TryFindIterations(subject.Name, Batch, out long iterations, out reason))
            return false;

        var subjectTimes = new List<double>(options.Batches);
        var baselineTimes = new List<double>(options.Batches);
        long baselineIterations = 0;
        while (subjectTimes.Count < options.Batches
            && (subjectTimes.Count == 0 || Stopwatch.GetTimestamp() - start <= 2 * budgetTicks))
        {
            machine.Load(baseline);
            if (!TryGuestBatch(baseline, iterations, out long ticks, out reason))
                return Failed(baseline.Name, reason, out reason);
            baselineTimes.Add(ToNs(ticks));
            baselineIterations = lastGuestIterations;

            machine.Load(subject);
            if (!TryGuestBatch(subject, iterations, out ticks, out reason))
                return Failed(subject.Name, reason, out reason);
            subjectTimes.Add(ToNs(ticks));
        }

        subjectSeries = new BatchSeries(subject.Name, iterations, subjectTimes.ToArray(), lastGuestIterations);
        baselineSeries = new BatchSeries(baseline.Name, iterations, baselineTimes.ToArray(), baselineIterations);
        return true;

        bool Batch(long n, out long ticks, out string why) => TryGuestBatch(subject, n, out ticks, out why);
    }

    // A warm-up batch, then doubling from InitialIterations until one batch lasts the target,
    // as vmexit.c doubles its loop count until a measurement spans 2^30 TSC cycles.
    private bool TryFindIterations(string name, BatchFunc batch, out long iterations, out string reason)
    {
        iterations = options.FixedIterations ?? options.InitialIterations;
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

    private static double ToNs(long ticks) => ticks * (1e9 / Stopwatch.Frequency);
}
