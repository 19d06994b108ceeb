namespace NestedVirt.Harness.Cli;

/// <summary>
/// A failure the user can fix (a bad results file, an unwritable folder, a bad option): the
/// dispatcher prints its one-line message as <c>nvbench: &lt;message&gt;</c> and exits with
/// <see cref="ExitCode"/>, never with a stack trace. Bugs use other exception types.
/// </summary>
public class HarnessException : Exception
{
    /// <summary>The exit code for bad input or a failure, as <see cref="ICommand.Run"/> documents.</summary>
    public const int FailureExitCode = 2;

    /// <summary>Creates the exception; line breaks in <paramref name="message"/> are folded to spaces.</summary>
    /// <param name="message">What went wrong, naming the path or value involved.</param>
    /// <param name="exitCode">Process exit code to use (2 unless the caller knows better).</param>
    /// <param name="innerException">The underlying cause, kept for debugging, never printed.</param>
    public HarnessException(string message, int exitCode = FailureExitCode, Exception? innerException = null)
        : base(OneLine(message), innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Process exit code for this failure.</summary>
    public int ExitCode { get; }

    /// <summary>Folds line breaks and runs of whitespace around them into single spaces.</summary>
    /// <param name="text">Any text, e.g. an operating-system error message.</param>
    /// <returns>The text on one line, trimmed.</returns>
    public static string OneLine(string text)
    {
        if (text.IndexOfAny(['\r', '\n']) < 0)
        {
            return text.Trim();
        }

        string[] parts = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', parts);
    }
}
