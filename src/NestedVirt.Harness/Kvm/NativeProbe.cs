using System.Globalization;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Kvm;

/// <summary>
/// The calibrator's yardstick: <c>bench/native/kvm_exit_probe.c</c>, built here with
/// <c>cc -O2</c> and run once, times the same round trips in C with its own guest code. A
/// calibrator line far from the probe's is a cost of the managed host (or a method error), not of
/// KVM. Without a C compiler the probe is skipped with one line.
/// </summary>
public sealed class NativeProbe
{
    /// <summary>The probe's source, relative to the repository root.</summary>
    public const string SourcePath = "bench/native/kvm_exit_probe.c";

    private readonly IProcessRunner processes;
    private readonly Func<string, string?> findExecutable;

    /// <summary>Creates the probe runner.</summary>
    /// <param name="processes">Runs cc and the probe; default real processes.</param>
    /// <param name="findExecutable">Finds <c>cc</c> on PATH; default <see cref="ExecutableLocator.Find"/>.</param>
    public NativeProbe(IProcessRunner? processes = null, Func<string, string?>? findExecutable = null)
    {
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.findExecutable = findExecutable ?? ExecutableLocator.Find;
    }

    /// <summary>Builds and runs the probe; never throws for a missing compiler, KVM or a failing probe.</summary>
    /// <param name="repositoryRoot">Checkout holding <see cref="SourcePath"/>.</param>
    /// <param name="batches">Timed batches per test.</param>
    /// <param name="device">The KVM device.</param>
    public ExitCostCalibration Run(string repositoryRoot, int batches, string device)
    {
        var result = new ExitCostCalibration { Device = device };
        string source = Path.Combine(repositoryRoot, SourcePath);
        string? cc = findExecutable("cc");
        if (cc is null)
            return Finish(result, ExitCostCalibration.StatusSkipped, "no C compiler (cc) on PATH; Debian package gcc");
        if (!File.Exists(source))
            return Finish(result, ExitCostCalibration.StatusSkipped, $"probe source '{source}' not found");

        string work = Path.Combine(Path.GetTempPath(), "nvbench-probe-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            string exe = Path.Combine(work, "kvm_exit_probe");
            ProcessResult built = processes.Run(cc, ["-O2", "-o", exe, source], work, CancellationToken.None);
            if (!built.Succeeded)
                return Finish(result, ExitCostCalibration.StatusFailed, $"cc -O2 {SourcePath} failed: {LastLine(built.StandardError)}");
            ProcessResult ran = processes.Run(exe,
                [batches.ToString(CultureInfo.InvariantCulture), device], work, CancellationToken.None);
            if (!ran.Succeeded)
                return Finish(result, ExitCostCalibration.StatusFailed, "probe failed: " + LastLine(ran.StandardError));
            return Parse(ran.StandardOutput, result);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }

    /// <summary>Reads the probe's output: <c>skipped: reason</c>, or one <c>name median min max batches iterations</c> line per test.</summary>
    internal static ExitCostCalibration Parse(string output, ExitCostCalibration result)
    {
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("skipped: ", StringComparison.Ordinal))
                return Finish(result, ExitCostCalibration.StatusSkipped, line["skipped: ".Length..]);
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 6 || !TryDouble(f[1], out double median) || !TryDouble(f[2], out double min)
                || !TryDouble(f[3], out double max) || !int.TryParse(f[4], CultureInfo.InvariantCulture, out int count)
                || !long.TryParse(f[5], CultureInfo.InvariantCulture, out long iterations))
            {
                return Finish(result, ExitCostCalibration.StatusFailed, $"unreadable probe line '{line}'");
            }

            result.Tests.Add(new ExitCostSample { Name = f[0], MedianNs = median, MinNs = min, MaxNs = max, Batches = count, IterationsPerBatch = iterations });
        }

        return result.Tests.Count == 0
            ? Finish(result, ExitCostCalibration.StatusFailed, "the probe printed nothing")
            : Finish(result, ExitCostCalibration.StatusOk, null);
    }

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string LastLine(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }

    private static ExitCostCalibration Finish(ExitCostCalibration result, string status, string? reason)
    {
        result.Status = status;
        result.Reason = reason;
        return result;
    }
}
