namespace NestedVirt.Harness.Commands.Ab;

/// <summary>A step of an A/B session failed (git, build, or a benchmark run); the message is one line.</summary>
public sealed class AbFailedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line saying which step failed.</param>
    public AbFailedException(string message)
        : base(message)
    {
    }
}
