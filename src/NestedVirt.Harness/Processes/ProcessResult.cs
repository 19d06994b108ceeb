namespace NestedVirt.Harness.Processes;

/// <summary>How a child process ended and what it printed.</summary>
/// <param name="ExitCode">The exit code (-1 when the time limit killed it).</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when <see cref="ProcessRequest.Timeout"/> passed and the child was killed.</summary>
    public bool TimedOut { get; init; }

    /// <summary>True for exit code 0 within the time limit.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The last non-blank line of stderr (or stdout), for one-line error messages.</summary>
    /// <returns>The line, or <c>(no output)</c>.</returns>
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
