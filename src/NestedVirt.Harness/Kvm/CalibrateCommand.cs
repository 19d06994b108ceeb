using System.Globalization;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;

namespace NestedVirt.Harness.Kvm;

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
    public string Summary => "measure KVM exit costs on this machine through /dev/kvm";

    private const string DefaultDevice = "/dev/kvm";

    private static readonly string[] Formats = ["text", "json"];

    private readonly OptionSet options = new OptionSet()
        .Option("device", "PATH", "KVM device (default /dev/kvm)")
        .Option("format", "text|json", "output format (default text)")
        .Option("iterations", "N", "fixed loop iterations per batch, no doubling")
        .Option("batches", "K", "timed batches per test (default 10, at most 1000)");

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench calibrate [--device PATH] [--format text|json]\n"
        + "                         [--iterations N] [--batches K]\n\n"
        + """
        Runs tiny real-mode guests through KVM (kvm-unit-tests x86/vmexit style)
        and prints nanoseconds per exit, median of K timed batches:
          ioctl         one KVM_CHECK_EXTENSION syscall (no guest)
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

        // No temporary files and no children: a signal ends the guests' loops by exiting (shared handler).
        using LongVerb verb = LongVerb.Begin(context, cooperative: false);
        var calibration = new ExitCostCalibrator(calibrationOptions).Run();
        if (json)
            context.Out.WriteLine(JsonSerializer.Serialize(calibration, Json));
        else
            WriteText(calibration, context.Out);

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

    private static void WriteText(ExitCostCalibration calibration, TextWriter output)
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
                $"{test.Name,-13}{test.MedianNs,8:F0}  ({test.MinNs:F0}-{test.MaxNs:F0}; {test.Batches} x {test.IterationsPerBatch})"));
        }
    }
}
