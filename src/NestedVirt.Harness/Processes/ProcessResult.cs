namespace NestedVirt.Harness.Processes;

/// <summary>How a child process ended and what it printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True for exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
