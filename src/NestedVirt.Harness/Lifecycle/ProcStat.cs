using System.Globalization;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>Reads <c>/proc/&lt;pid&gt;/stat</c> (proc(5)), the one place Linux lists a process's parent and start time.</summary>
internal static class ProcStat
{
    /// <summary>The stat line of <paramref name="pid"/>, or null when the process is gone or /proc is absent.</summary>
    /// <param name="pid">A process id.</param>
    public static string? Read(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Fields 3 onwards (state, ppid, ...): the name in field 2 may hold spaces and ')', so split after its last ')'.</summary>
    /// <param name="stat">A stat line, or null.</param>
    public static string[]? FieldsAfterName(string? stat)
    {
        int close = stat?.LastIndexOf(')') ?? -1;
        return close < 0 ? null : stat![(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The parent id of <paramref name="pid"/> (field 4), or null.</summary>
    /// <param name="pid">A process id.</param>
    public static int? ParentOf(int pid)
    {
        string[]? fields = FieldsAfterName(Read(pid));
        return fields is { Length: > 1 } && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int parent)
            ? parent
            : null;
    }
}
