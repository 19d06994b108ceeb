using System.Globalization;
using System.Text.Json;
using NestedVirt.Harness.Cli;

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

    /// <inheritdoc/>
    public string Help => """
        usage: calibrate [--device PATH] [--format text|json]
                         [--iterations N] [--batches K]

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

        options:
          --device PATH      KVM device (default /dev/kvm)
          --format FORMAT    text (default) or json
          --iterations N     fixed loop iterations per batch, no doubling
          --batches K        timed batches per test (default 10)

        example: calibrate --format json > calibration.json
        """;

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        if (!TryParse(args, out var parsed, out string error))
        {
            context.Error.WriteLine("calibrate: " + error);
            return 2;
        }

        if (parsed.ShowHelp)
        {
            context.Out.WriteLine(Help);
            return 0;
        }

        var calibration = new ExitCostCalibrator(parsed.Options).Run();
        if (parsed.Json)
            context.Out.WriteLine(JsonSerializer.Serialize(calibration, Json));
        else
            WriteText(calibration, context.Out);

        return calibration.Status == ExitCostCalibration.StatusFailed ? 2 : 0;
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

    // Kept in one method so the shared option parser can replace it.
    private static bool TryParse(IReadOnlyList<string> args, out ParsedArgs parsed, out string error)
    {
        string device = "/dev/kvm";
        bool json = false;
        bool help = false;
        long? iterations = null;
        int batches = 10;
        parsed = default;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (arg is not ("--device" or "--format" or "--iterations" or "--batches"))
            {
                error = "unknown option '" + arg + "' (see calibrate --help)";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = "option " + arg + " needs a value";
                return false;
            }

            string value = args[++i];
            switch (arg)
            {
                case "--device":
                    device = value;
                    break;
                case "--format" when value is "text" or "json":
                    json = value == "json";
                    break;
                case "--format":
                    error = "--format must be text or json, not '" + value + "'";
                    return false;
                case "--iterations" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 1 && n <= uint.MaxValue:
                    iterations = n;
                    break;
                case "--iterations":
                    error = "--iterations must be a whole number from 1 to " + uint.MaxValue.ToString(CultureInfo.InvariantCulture) + ", not '" + value + "'";
                    return false;
                case "--batches" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 1 && k <= 1000:
                    batches = k;
                    break;
                default:
                    error = "--batches must be a whole number from 1 to 1000, not '" + value + "'";
                    return false;
            }
        }

        var options = new ExitCostCalibrationOptions { DevicePath = device, FixedIterations = iterations, Batches = batches };
        parsed = new ParsedArgs(options, json, help);
        error = "";
        return true;
    }

    private readonly record struct ParsedArgs(ExitCostCalibrationOptions Options, bool Json, bool ShowHelp);
}
