using NestedVirt.Harness.Processes;

namespace NestedVirt.Harness.Ab;

/// <summary>
/// Where benchmark processes run: on the isolated CPUs (<c>isolcpus=</c>, listed in
/// <c>/sys/devices/system/cpu/isolated</c>) through <c>taskset -c</c> when the machine has any,
/// so the scheduler keeps other work off them (pyperf's advice); unpinned otherwise.
/// </summary>
/// <param name="Cpus">The CPU list for <c>taskset -c</c> (e.g. <c>2-3</c>), or null when not pinned.</param>
/// <param name="Taskset">Path of <c>taskset</c>, or null when not pinned.</param>
/// <param name="Reason">One line saying what was decided and why.</param>
public sealed record CpuPinning(string? Cpus, string? Taskset, string Reason)
{
    /// <summary>The kernel's list of isolated CPUs.</summary>
    public const string IsolatedCpusFile = "/sys/devices/system/cpu/isolated";

    /// <summary>No pinning.</summary>
    public static CpuPinning None { get; } = new(null, null, "not pinned");

    /// <summary>Decides from the isolated-CPU list and whether <c>taskset</c> exists.</summary>
    /// <param name="isolated">Content of <see cref="IsolatedCpusFile"/>, or null when unreadable.</param>
    /// <param name="findExecutable">Finds a program on PATH.</param>
    public static CpuPinning Decide(string? isolated, Func<string, string?> findExecutable)
    {
        ArgumentNullException.ThrowIfNull(findExecutable);
        string cpus = (isolated ?? "").Trim();
        if (cpus.Length == 0)
        {
            return new CpuPinning(null, null, "not pinned: no isolated CPUs (boot with isolcpus=)");
        }

        string? taskset = findExecutable("taskset");
        return taskset is null
            ? new CpuPinning(null, null, $"not pinned: CPUs {cpus} are isolated but taskset is missing (util-linux)")
            : new CpuPinning(cpus, taskset, $"pinned to isolated CPUs {cpus} (taskset -c {cpus})");
    }

    /// <summary>Reads this machine's isolated CPUs.</summary>
    public static CpuPinning ForThisMachine()
    {
        string? isolated;
        try
        {
            isolated = File.Exists(IsolatedCpusFile) ? File.ReadAllText(IsolatedCpusFile) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            isolated = null;
        }

        return Decide(isolated, ExecutableLocator.Find);
    }

    /// <summary>The program and arguments that run <paramref name="file"/> with <paramref name="args"/> under this pinning.</summary>
    /// <param name="file">The program.</param>
    /// <param name="args">Its arguments.</param>
    public (string File, IReadOnlyList<string> Args) Wrap(string file, IReadOnlyList<string> args) =>
        Cpus is null || Taskset is null ? (file, args) : (Taskset, ["-c", Cpus, file, .. args]);
}
