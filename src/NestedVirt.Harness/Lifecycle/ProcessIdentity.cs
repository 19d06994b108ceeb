using System.Globalization;
using System.Runtime.InteropServices;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// A process as the leftover sweep names it: its id and, on Linux, its start time in clock ticks
/// since boot (field 22 of <c>/proc/&lt;pid&gt;/stat</c>, proc(5)). The pair survives pid reuse:
/// a new process with the same id has a later start time.
/// </summary>
/// <param name="Pid">Process id.</param>
/// <param name="StartTicks">Start time from /proc, or 0 where /proc is unavailable.</param>
public readonly record struct ProcessIdentity(int Pid, long StartTicks)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId);

    /// <summary>The identity of a running process (start time 0 when /proc cannot say).</summary>
    /// <param name="pid">Its id.</param>
    public static ProcessIdentity Of(int pid) => new(pid, ReadStartTicks(pid) ?? 0);

    /// <summary>"1234 98765": the form stored in owner files.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {StartTicks}");

    /// <summary>Parses <see cref="ToString"/>'s form.</summary>
    /// <param name="text">The text.</param>
    /// <param name="identity">The identity when the text is well formed.</param>
    public static bool TryParse(string text, out ProcessIdentity identity)
    {
        identity = default;
        string[] parts = text.Trim().Split(' ');
        if (parts.Length != 2 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 0 ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks))
        {
            return false;
        }

        identity = new ProcessIdentity(pid, ticks);
        return true;
    }

    /// <summary>Whether this very process still runs: the id exists and, when known, started at the same tick.</summary>
    public bool IsAlive()
    {
        if (!Exists(Pid))
        {
            return false;
        }

        return StartTicks == 0 || ReadStartTicks(Pid) is not long now || now == StartTicks;
    }

    /// <summary>Whether any process has id <paramref name="pid"/> (kill(2) with signal 0).</summary>
    /// <param name="pid">A process id.</param>
    public static bool Exists(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (Directory.Exists("/proc/self"))
        {
            return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
        }

        return PosixKill.Send(pid, 0) == 0 || Marshal.GetLastPInvokeError() == PosixKill.EPerm;
    }

    // proc(5): "(2) comm" may hold spaces and parentheses, so count fields after the last ')'.
    // Field 3 (state) is the first after it; field 22 (starttime) is the 20th.
    internal static long? ReadStartTicks(int pid)
    {
        string? stat = ProcStat.Read(pid);
        string[]? fields = ProcStat.FieldsAfterName(stat);
        return fields is { Length: > 19 } && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            ? ticks
            : null;
    }
}
