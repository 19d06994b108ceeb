using System.Globalization;
using NestedVirt.Harness.Lifecycle;
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

    /// <summary>
    /// The probe's third argument: start an idle thread before timing, so its fd table is shared
    /// as this (multi-threaded) process's is. Linux <c>fs/file.c</c> <c>__fget_light</c> skips the
    /// file reference count only while <c>files-&gt;count == 1</c>; with a shared table every ioctl
    /// takes and drops one, about 47 ns per <c>KVM_CHECK_EXTENSION</c> on the host of
    /// docs/calibration.md, which was the whole of the old <c>ioctl</c> gap.
    /// </summary>
    public const string SharedFdTable = "shared";

    private const string FdTablePrefix = "# fd table: ";

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

        // A TemporaryFolder: removed on return, on a signal, and by the next run after a SIGKILL.
        using TemporaryFolder folder = TemporaryFolder.Create("probe", Interruption.Current);
        string work = folder.Path;
        string exe = Path.Combine(work, "kvm_exit_probe");
        ProcessResult built = processes.Run(cc, ["-O2", "-pthread", "-o", exe, source], work, CancellationToken.None);
        if (!built.Succeeded)
            return Finish(result, ExitCostCalibration.StatusFailed, $"cc -O2 {SourcePath} failed: {LastLine(built.StandardError)}");
        ProcessResult ran = processes.Run(exe,
            [batches.ToString(CultureInfo.InvariantCulture), device, SharedFdTable], work, CancellationToken.None);
        if (!ran.Succeeded)
            return Finish(result, ExitCostCalibration.StatusFailed, "probe failed: " + LastLine(ran.StandardError));
        return Parse(ran.StandardOutput, result);
    }

    /// <summary>
    /// Reads the probe's output: <c># fd table: shared, N threads</c>, then <c>skipped: reason</c>
    /// or one <c>name median min max batches iterations</c> line per test. A probe whose fd table
    /// was not shared is refused: its ioctls skip the file reference count this process pays
    /// (see <see cref="SharedFdTable"/>), so its lines are not comparable.
    /// </summary>
    internal static ExitCostCalibration Parse(string output, ExitCostCalibration result)
    {
        bool shared = false;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith(FdTablePrefix, StringComparison.Ordinal))
            {
                shared = IsShared(line);
                if (!shared)
                    return Finish(result, ExitCostCalibration.StatusFailed, $"the probe's fd table was not shared ('{line}'), so its ioctls are cheaper than this process's");
                continue;
            }

            if (!shared)
                return Finish(result, ExitCostCalibration.StatusFailed, $"the probe did not say its fd table was shared before '{line}'");
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

    // "# fd table: shared, 2 threads": shared, and the kernel counts at least two threads.
    private static bool IsShared(string line)
    {
        string[] f = line[FdTablePrefix.Length..].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        return f.Length == 3 && f[0] == SharedFdTable && f[2] == "threads"
            && int.TryParse(f[1], CultureInfo.InvariantCulture, out int threads) && threads >= 2;
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
