using NestedVirt.Harness.Kvm;
using System.Globalization;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>calibrate</c>: measures exit costs on this machine through <c>/dev/kvm</c> and prints one
/// <c>&lt;name&gt; &lt;ns&gt;</c> line per test, as kvm-unit-tests' vmexit prints
/// <c>&lt;name&gt; &lt;cycles&gt;</c>. KVM being unavailable is reported as skipped, exit 0.
/// </summary>
public sealed class CalibrateCommand : ICommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <inheritdoc/>
    public string Name => "calibrate";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "measure KVM exit costs on this machine through /dev/kvm";

    private const string DefaultDevice = "/dev/kvm";

    private static readonly string[] Formats = ["text", "json"];

    private readonly OptionSet options = new OptionSet()
        .Option("device", "PATH", "KVM device (default /dev/kvm)")
        .Option("format", "text|json", "output format (default text)")
        .Option("iterations", "N", "fixed loop iterations per batch, no doubling")
        .Option("batches", "K", "timed batches per test (default 10, at most 1000)")
        .Flag("no-probe", "skip the C probe (bench/native/kvm_exit_probe.c)")
        .Option("rounds", "R", "calibrator then probe, R times (default 1)");

    private readonly NativeProbe probe;

    /// <summary>Creates the verb.</summary>
    /// <param name="probe">Builds and runs the C probe; default real cc and processes.</param>
    public CalibrateCommand(NativeProbe? probe = null) => this.probe = probe ?? new NativeProbe();

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench calibrate [--device PATH] [--format text|json]\n"
        + "                         [--iterations N] [--batches K]\n"
        + "                         [--rounds R] [--no-probe]\n\n"
        + """
        Runs tiny real-mode guests through KVM (kvm-unit-tests x86/vmexit style)
        and prints nanoseconds per exit, median of K timed batches:
          ioctl         one KVM_CHECK_EXTENSION syscall (no vCPU, no guest)
          run_immediate_exit
                        KVM_RUN with kvm_run.immediate_exit set: -EINTR
                        before the guest runs (vCPU load/put + ioctl)
          outb_to_user  OUT to a port: exit to userspace and back
          hlt_to_user   HLT without in-kernel APIC: exit to userspace and back
          guest_loop    one iteration of the guests' loop, no exit (near 0
                        on VT-x/SVM; large where KVM emulates real mode)
          cpuid         CPUID: exit handled inside KVM, minus the same
                        loop without CPUID run in alternating batches

        The numbers are measured on this machine, now. On a VM (hypervisor
        flag) or a PVM host they include the outer hypervisor's cost, so
        they are not bare-metal exit costs. KVM missing or not permitted
        prints "skipped: <reason>" and exits 0.

        Then, when a C compiler is present, bench/native/kvm_exit_probe.c is
        built and times the same round trips in C with its own guest code;
        each line shows the probe's median and nvbench/probe. --rounds R
        repeats both R times: the ratio is the median per-round ratio, with a
        sign-test interval for it and "within 10%": yes or no only when the
        whole interval decides it (at least 6 rounds; 9 or 15 recommended).

        """
        + "\noptions:\n" + options.Describe() + "\n"
        + "example:\n  nvbench calibrate --format json > calibration.json\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        parsed.RejectPositionalsBeyond(0);
        bool json = parsed.GetChoice("format", "text", Formats) == "json";
        string device = parsed.GetString("device", DefaultDevice);
        if (parsed.Has("device") && !File.Exists(device))
        {
            // Without KVM the verb skips (exit 0), but a device the user named must exist (issue 11).
            throw new HarnessException(Directory.Exists(device)
                ? $"option --device: '{device}' is a folder, not a KVM device"
                : $"option --device: '{device}' does not exist");
        }

        var calibrationOptions = new ExitCostCalibrationOptions
        {
            DevicePath = device,
            FixedIterations = Iterations(parsed),
            Batches = parsed.GetInt32("batches", 10, min: 1, max: 1000),
        };

        // The C probe is a child process and its build a temporary folder: a signal stops and removes both (shared handler).
        using LongVerb verb = LongVerb.Begin(context, cooperative: false);
        int rounds = parsed.GetInt32("rounds", 1, min: 1, max: 100);
        bool withProbe = !parsed.Has("no-probe");
        var done = new List<(ExitCostCalibration Calibration, ExitCostCalibration? Probe)>(rounds);
        ExitCostCalibration calibration;
        ExitCostCalibration? native;
        do
        {
            if (done.Count > 0)
                context.Error.WriteLine($"nvbench: calibrate: round {done.Count + 1} of {rounds}");
            calibration = new ExitCostCalibrator(calibrationOptions).Run();
            native = calibration.Status == ExitCostCalibration.StatusOk && withProbe
                ? probe.Run(context.RepositoryRoot, calibrationOptions.Batches, calibrationOptions.DevicePath)
                : null;
            done.Add((calibration, native));
        }
        while (done.Count < rounds && calibration.Status == ExitCostCalibration.StatusOk);

        // JSON is the calibration alone, the shape run --calibrate stores; the probe is text only.
        if (json)
            context.Out.WriteLine(JsonSerializer.Serialize(calibration, Json));
        else
            WriteText(calibration, native, ProbeComparison.Of(done), context.Out);

        return calibration.Status == ExitCostCalibration.StatusFailed ? HarnessException.FailureExitCode : 0;
    }

    // The guests' loop counter is 32 bits wide (ExitCostCalibrationOptions), beyond GetInt32's range.
    private static long? Iterations(ParsedArguments parsed)
    {
        string? text = parsed.GetString("iterations");
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1 || n > uint.MaxValue)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"option --iterations: '{text}' is not a whole number from 1 to {uint.MaxValue}"));
        }

        return n;
    }

    private static void WriteText(ExitCostCalibration calibration, ExitCostCalibration? native, ProbeComparison? comparison, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        string present = File.Exists(calibration.Device) ? "present" : "absent";
        string host = calibration.HostIsVirtualMachine ? "a VM (hypervisor flag)" : "bare metal (no hypervisor flag)";
        output.WriteLine(string.Create(c,
            $"# calibrate: {calibration.Device} {present}; host is {host}; cpu virt flag: {calibration.CpuVirtualization}"));
        if (calibration.Status != ExitCostCalibration.StatusOk)
        {
            output.WriteLine(calibration.Status + ": " + calibration.Reason);
            return;
        }

        output.WriteLine("# " + calibration.CpuModel + "; ns per exit, median (min-max) of batches");
        foreach (var test in calibration.Tests)
        {
            output.WriteLine(string.Create(c,
                $"{test.Name,-18}{test.MedianNs,8:F0}  ({test.MinNs:F0}-{test.MaxNs:F0}; {test.Batches} x {test.IterationsPerBatch})"));
        }

        WriteProbe(native, comparison, output);
    }

    internal static void WriteProbe(ExitCostCalibration? native, ProbeComparison? comparison, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        if (native is null)
            return;
        if (native.Status != ExitCostCalibration.StatusOk || comparison is null)
        {
            output.WriteLine($"# probe {native.Status}: {native.Reason}");
            return;
        }

        string rounds = comparison.Rounds == 1 ? "" : string.Create(c, $"; medians of {comparison.Rounds} rounds");
        output.WriteLine($"# probe: {NativeProbe.SourcePath} (cc -O2), the same round trips in C{rounds}");
        output.WriteLine("# interval: where the median ratio lies (sign-test order statistics of the per-round ratios, its coverage);"
            + " within 10%: yes/no only when the whole interval decides it at >= 95 %");
        output.WriteLine("test               nvbench    probe  nvbench/probe  interval              within 10%");
        foreach (ProbeComparison.Row row in comparison.Rows)
        {
            string ratio = double.IsNaN(row.Ratio) ? "-" : row.Ratio.ToString("F2", c);
            string probeNs = double.IsNaN(row.ProbeNs) ? "-" : row.ProbeNs.ToString("F0", c);
            string interval = row.Interval is { } i ? string.Create(c, $"{i.Low:F2}-{i.High:F2} ({i.Coverage * 100:F0}%)") : "-";
            string agreement = row.Interval?.Agreement ?? "-";
            output.WriteLine(string.Create(c, $"{row.Name,-18}{row.NvbenchNs,8:F0} {probeNs,8}  {ratio,13}  {interval,-20}  {agreement}"));
        }
    }
}
