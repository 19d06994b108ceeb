namespace NestedVirt.Harness.Cli;

/// <summary>
/// The command line itself is wrong: an unknown option, a missing value, a value that is not a
/// number. The message names the option or value; the exit code is 2.
/// </summary>
public sealed class UsageException : HarnessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the bad option or value.</param>
    public UsageException(string message)
        : base(message, FailureExitCode)
    {
    }
}
