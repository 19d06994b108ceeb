using System.Globalization;
using System.Text;

namespace NestedVirt.Harness.Gate;

/// <summary>The gate's text output: a verdict line, one line per difference, notes, and the update command on failure.</summary>
public static class GateReportWriter
{
    /// <summary>The command that rewrites the default baseline.</summary>
    public const string UpdateCommand = "dotnet run -c Release --project bench/NestedVirt.Benchmarks -- gate --update";

    /// <summary>The update command for a baseline at <paramref name="baselineArgument"/> (null: the default path).</summary>
    /// <param name="baselineArgument">The <c>--baseline</c> value as typed, or null.</param>
    public static string UpdateCommandFor(string? baselineArgument) =>
        baselineArgument is null ? UpdateCommand : $"{UpdateCommand} --baseline {baselineArgument}";

    /// <summary>Formats the report.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="baselinePath">The baseline as shown to the user.</param>
    /// <param name="updateCommand">The exact command that rewrites this baseline.</param>
    /// <returns>Text ending in a newline.</returns>
    public static string Text(GateReport report, string baselinePath, string updateCommand)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        double thresholdPercent = report.InstructionThresholdPercent;
        if (report.Passed)
        {
            text.Append(CultureInfo.InvariantCulture, $"gate: OK against {baselinePath}: counters of {report.CasesCompared} case(s) identical");
            if (report.InstructionsCompared > 0)
            {
                if (thresholdPercent == 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"; instructions of {report.InstructionsCompared} case(s) identical");
                }
                else
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"; instructions of {report.InstructionsCompared} case(s) within {thresholdPercent:0.##}% (largest change {report.LargestInstructionChangePercent:+0.00;-0.00;0.00}%)");
                }
            }

            text.Append(".\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"gate: FAILED: {report.Differences.Count} difference(s) against {baselinePath}\n");
            foreach (GateDifference d in report.Differences)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {d.Id}  {d.Field}  baseline {d.Baseline}  now {d.Now}  delta {d.Delta}\n");
            }
        }

        foreach (string note in report.Notes)
        {
            text.Append("note: ").Append(note).Append('\n');
        }

        if (!report.Passed)
        {
            text.Append("If the change is intended, update the baseline and commit it on its own:\n");
            text.Append("  ").Append(updateCommand).Append('\n');
        }

        return text.ToString();
    }
}
