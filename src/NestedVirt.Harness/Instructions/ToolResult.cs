namespace NestedVirt.Harness.Instructions;

/// <summary>How a child process (valgrind, cc, a native driver) ended and what it printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True for exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-blank line of stderr (or stdout), for one-line error messages.</summary>
    public string LastLine()
    {
        foreach (string text in (ReadOnlySpan<string>)[StandardError, StandardOutput])
        {
            string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length > 0)
            {
                return lines[^1];
            }
        }

        return "(no output)";
    }
}
