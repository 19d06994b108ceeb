using System.Globalization;
using System.Text;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>
/// The plain-text <c>check-machine</c> report: a machine line, then one line per check
/// (<c>STATUS  name  detail</c>), WARN lines followed by an indented advice line, then a summary.
/// Every line fits <see cref="Width"/> columns so it can be pasted into a mail.
/// </summary>
public static class MachineCheckText
{
    /// <summary>Maximum line width.</summary>
    public const int Width = 72;

    private const int StatusWidth = 6;
    private const int NameWidth = 20;

    /// <summary>Formats the report.</summary>
    /// <param name="snapshot">The probed machine.</param>
    /// <param name="checks">From <see cref="MachineChecks.Evaluate"/>.</param>
    /// <returns>The text, one <c>\n</c>-terminated line each.</returns>
    public static string Format(MachineSnapshot snapshot, IReadOnlyList<MachineCheck> checks)
    {
        var text = new StringBuilder();
        Line(text, $"machine: {Describe(snapshot.Info)}");
        Line(text, $"id:      {snapshot.Id}");
        Line(text, $"kernel:  {(snapshot.Info.Kernel.Length > 0 ? snapshot.Info.Kernel : "unknown")}");
        text.Append('\n');
        int ok = 0, warn = 0, na = 0;
        foreach (MachineCheck check in checks)
        {
            Line(text, $"{check.Label.PadRight(StatusWidth)}{check.Name.PadRight(NameWidth - 1)} {check.Detail}");
            if (check.Status == CheckStatus.Warn && check.Advice is not null)
            {
                Line(text, new string(' ', StatusWidth) + check.Advice);
            }

            ok += check.Status == CheckStatus.Ok ? 1 : 0;
            warn += check.Status == CheckStatus.Warn ? 1 : 0;
            na += check.Status == CheckStatus.NotAvailable ? 1 : 0;
        }

        text.Append('\n');
        string verdict = warn == 0 ? "tuned for benchmarking" : "not tuned, expect noisy wall-clock numbers";
        Line(text, string.Create(CultureInfo.InvariantCulture, $"{ok} OK, {warn} WARN, {na} N/A; {verdict}"));
        return text.ToString();
    }

    /// <summary>The one-line machine description used in reports: model, CPUs, memory, VM or bare metal.</summary>
    /// <param name="info">Fixed facts.</param>
    /// <returns>E.g. <c>AMD EPYC, 2 CPUs, 24 GiB, vm (kvm)</c>.</returns>
    public static string Describe(MachineInfo info)
    {
        var parts = new List<string>(4)
        {
            info.CpuModel.Length > 0 ? info.CpuModel : "unknown CPU",
            string.Create(CultureInfo.InvariantCulture, $"{info.LogicalCores} CPUs"),
        };
        if (info.MemoryTotalBytes is long bytes)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:F1} GiB"));
        }

        parts.Add(info.Hypervisor is null ? info.Virtualization : $"{info.Virtualization} ({info.Hypervisor})");
        return string.Join(", ", parts);
    }

    // Details such as a long CPU list are clipped rather than wrapped, so each check stays on
    // one line; advice is kept short at the source (MachineChecks.MaxAdviceLength).
    private static void Line(StringBuilder text, string line)
    {
        line = line.TrimEnd();
        text.Append(line.Length <= Width ? line : string.Concat(line.AsSpan(0, Width - 3), "...")).Append('\n');
    }
}
