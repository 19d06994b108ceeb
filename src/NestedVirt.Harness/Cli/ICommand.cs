namespace NestedVirt.Harness.Cli;

/// <summary>
/// One verb of the command line (<c>run</c>, <c>list</c>, <c>compare</c>, ...). Verbs write to
/// the context's writers, never to <see cref="Console"/> directly, so tests can capture them.
/// </summary>
public interface ICommand
{
    /// <summary>The verb as typed.</summary>
    string Name { get; }

    /// <summary>One line for the verb list in <c>--help</c>.</summary>
    string Summary { get; }

    /// <summary>The full help text of the verb (usage line, options, one example).</summary>
    string Help { get; }

    /// <summary>The verb's options, for shell completion and help checks; null when it declares none.</summary>
    OptionSet? Options => null;

    /// <summary>Runs the verb.</summary>
    /// <returns>0 success, 1 a finding the caller must act on (a regression), 2 bad input or a failure.</returns>
    int Run(IReadOnlyList<string> args, CommandContext context);
}
