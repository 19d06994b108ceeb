using System.Globalization;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>Reads the tuning state that changes between runs (pyperf <c>system show</c>'s list, plus KVM).</summary>
internal static class MachineStateReader
{
    /// <summary>Reads every field; each one is null when its file is absent or unreadable.</summary>
    /// <param name="files">The probed tree.</param>
    /// <returns>The state.</returns>
    public static MachineState Read(ProbeFiles files)
    {
        string? meminfo = files.ReadText("/proc/meminfo");
        string? swaps = files.ReadText("/proc/swaps");
        long? aslr = files.ReadInteger("/proc/sys/kernel/randomize_va_space");
        return new MachineState
        {
            Governor = CpuFrequency.Governor(files),
            ScalingDriver = CpuFrequency.Driver(files),
            Turbo = CpuFrequency.Turbo(files),
            Smt = files.ReadBoolean("/sys/devices/system/cpu/smt/active"),
            IsolatedCpus = files.ReadTrimmed("/sys/devices/system/cpu/isolated"),
            NohzFull = NohzFull(files),
            Aslr = aslr is long a && a is >= int.MinValue and <= int.MaxValue ? (int)a : null,
            LoadAverage1 = LoadAverage(files),
            SwapUsedBytes = (meminfo is null ? null : MemInfo.SwapUsedBytes(meminfo))
                ?? (swaps is null ? null : MemInfo.SwapUsedBytesFromSwaps(swaps)),
            KvmAccessible = KvmAccessible(files),
            KvmParameters = KvmModuleParameters.Read(files),
        };
    }

    // The kernel prints "(null)" when nohz_full= was not given (drivers/base/cpu.c); that
    // means "no CPUs", the same as an empty isolated list.
    private static string? NohzFull(ProbeFiles files)
    {
        string? text = files.ReadTrimmed("/sys/devices/system/cpu/nohz_full");
        return text == "(null)" ? "" : text;
    }

    private static double? LoadAverage(ProbeFiles files)
    {
        string? text = files.ReadTrimmed("/proc/loadavg");
        if (text is null)
        {
            return null;
        }

        int space = text.IndexOf(' ');
        string first = space < 0 ? text : text[..space];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }

    // Opening /dev/kvm read-write is what a VMM does first (KVM API: "open /dev/kvm"); it
    // creates no VM, so it is a safe and exact test of access.
    private static bool? KvmAccessible(ProbeFiles files)
    {
        if (!files.Exists("/dev/kvm"))
        {
            return null;
        }

        try
        {
            using var handle = File.OpenHandle(files.Map("/dev/kvm"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
