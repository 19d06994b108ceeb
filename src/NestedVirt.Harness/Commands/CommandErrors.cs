using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Commands;

/// <summary>Turns bad input into one error line and exit code 2, the same way for every verb here.</summary>
internal static class CommandErrors
{
    /// <summary>Exit code for bad input or a failure.</summary>
    public const int BadInput = 2;

    /// <summary>Runs <paramref name="body"/>; expected failures print <c>nvbench VERB: message</c> and return 2.</summary>
    public static int Run(string verb, CommandContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            context.Error.Write($"nvbench {verb}: {OneLine(e.Message)}\n");
            return BadInput;
        }
    }

    /// <summary>The message's first line (exception messages must never spill over several lines).</summary>
    public static string OneLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
