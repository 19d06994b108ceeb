using System.Globalization;

namespace NestedVirt.Harness.Instructions;

/// <summary>
/// Reads the instruction total from a callgrind output file (format described in the Valgrind
/// manual, "Callgrind Format Specification"): the <c>events:</c> line names the cost columns,
/// the <c>summary:</c> line holds the program's total per column, and <c>totals:</c> (written by
/// some versions as a check) the sum of all cost lines. We take <c>Ir</c> from <c>summary:</c>,
/// and from <c>totals:</c> only when there is no summary.
/// </summary>
public static class CallgrindOutput
{
    /// <summary>The event callgrind uses for instructions executed.</summary>
    public const string InstructionEvent = "Ir";

    /// <summary>Finds the total instruction count in the text of a callgrind output file.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="instructions">The <c>Ir</c> total; 0 when not found.</param>
    /// <returns>False when there is no <c>Ir</c> event or no summary/totals line with a number in its column.</returns>
    public static bool TryParseInstructions(string text, out long instructions)
    {
        ArgumentNullException.ThrowIfNull(text);
        instructions = 0;
        int column = -1;
        string? summary = null;
        string? totals = null;
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.StartsWith("events:", StringComparison.Ordinal))
            {
                column = Array.IndexOf(Fields(line, "events:".Length), InstructionEvent);
            }
            else if (line.StartsWith("summary:", StringComparison.Ordinal))
            {
                summary ??= line["summary:".Length..];
            }
            else if (line.StartsWith("totals:", StringComparison.Ordinal))
            {
                totals ??= line["totals:".Length..];
            }
        }

        string? costs = summary ?? totals;
        if (column < 0 || costs is null)
        {
            return false;
        }

        string[] values = Fields(costs, 0);
        return column < values.Length &&
            long.TryParse(values[column], NumberStyles.None, CultureInfo.InvariantCulture, out instructions);
    }

    /// <summary>As <see cref="TryParseInstructions"/>, reading a file.</summary>
    /// <param name="path">The callgrind output file.</param>
    /// <returns>The <c>Ir</c> total.</returns>
    /// <exception cref="Cli.HarnessException">The file is missing, unreadable or has no instruction total.</exception>
    public static long ReadInstructions(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Cli.HarnessException($"cannot read callgrind output '{path}': {ex.Message}", innerException: ex);
        }

        return TryParseInstructions(text, out long instructions)
            ? instructions
            : throw new Cli.HarnessException($"callgrind output '{path}' has no Ir total (no 'events:' with Ir, or no 'summary:'/'totals:' line)");
    }

    private static string[] Fields(string line, int start) =>
        line[start..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
