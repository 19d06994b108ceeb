using System.Text;

namespace NestedVirt.Harness.Cli;

/// <summary>
/// The <c>nvbench &lt;verb&gt; [args]</c> dispatcher. It prints the verb list for
/// <c>--help</c>, a verb's <see cref="ICommand.Help"/> for <c>&lt;verb&gt; --help</c>, and turns a
/// <see cref="HarnessException"/> into one line <c>nvbench: &lt;message&gt;</c> on the error writer
/// plus its exit code. Any other exception is a bug and propagates with its stack trace.
/// (Not named <c>CommandLine</c>: BenchmarkDotNet brings CommandLineParser, whose global
/// <c>CommandLine</c> namespace would hide such a type in every project that uses both.)
/// </summary>
public sealed class CommandDispatcher
{
    /// <summary>Width every help line fits in (mail-friendly).</summary>
    public const int HelpWidth = 72;

    private readonly List<ICommand> commands;

    /// <summary>Creates the dispatcher over a set of verbs, listed in help in the given order.</summary>
    /// <param name="commands">The verbs; names must be unique.</param>
    /// <param name="toolName">The program name printed in usage and error lines.</param>
    public CommandDispatcher(IEnumerable<ICommand> commands, string toolName = "nvbench")
    {
        this.commands = [.. commands];
        ToolName = toolName;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ICommand command in this.commands)
        {
            if (!seen.Add(command.Name))
            {
                throw new ArgumentException($"Verb '{command.Name}' is registered twice.", nameof(commands));
            }
        }
    }

    /// <summary>The program name printed in usage and error lines.</summary>
    public string ToolName { get; }

    /// <summary>The registered verbs, in help order.</summary>
    public IReadOnlyList<ICommand> Commands => commands;

    /// <summary>Runs one command line.</summary>
    /// <param name="args">All arguments, the verb first.</param>
    /// <param name="context">Writers and repository root handed to the verb.</param>
    /// <returns>The verb's exit code; 0 for help; 2 for a usage error or a <see cref="HarnessException"/>'s code; 128 + the signal number when interrupted.</returns>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0)
        {
            context.Error.Write(Usage());
            return HarnessException.FailureExitCode;
        }

        string verb = args[0];
        if (IsHelp(verb))
        {
            context.Out.Write(Usage());
            return 0;
        }

        try
        {
            if (verb == "help" && args.Count > 1)
            {
                ICommand asked = Find(args[1]) ?? throw UnknownVerb(args[1]);
                context.Out.Write(EndWithNewline(asked.Help));
                return 0;
            }

            ICommand command = Find(verb) ?? throw UnknownVerb(verb);
            var verbArgs = new List<string>(args.Count - 1);
            for (int i = 1; i < args.Count; i++)
            {
                verbArgs.Add(args[i]);
            }

            if (AsksForHelp(verbArgs))
            {
                context.Out.Write(EndWithNewline(command.Help));
                return 0;
            }

            int code;
            try
            {
                code = command.Run(verbArgs, context);
            }
            catch (Exception) when (context.Interruption.Requested)
            {
                // Whatever the signal made fail (a killed child, a deleted folder) is not the error.
                code = 0;
            }

            return context.Interruption.Requested ? context.Interruption.Finish() : code;
        }
        catch (HarnessException ex)
        {
            context.Error.WriteLine($"{ToolName}: {HarnessException.OneLine(ex.Message)}");
            return ex.ExitCode;
        }
    }

    /// <summary>Runs one command line against the console, in the checkout the tool was built in (else the current folder's).</summary>
    /// <param name="args">All arguments, the verb first.</param>
    /// <returns>The process exit code.</returns>
    public int RunConsole(IReadOnlyList<string> args)
    {
        // SIGINT, SIGTERM and SIGHUP: every verb stops its children and cleans up the same way.
        Lifecycle.Interruption.Current.Install();
        CheckoutLocation checkout = RepositoryLocator.Locate(AppContext.BaseDirectory, Directory.GetCurrentDirectory());
        if (checkout.Warning is not null)
        {
            Console.Error.WriteLine(checkout.Warning);
        }

        return Run(args, new CommandContext(Console.Out, Console.Error, checkout.Root) { WorkingDirectory = Directory.GetCurrentDirectory() });
    }

    /// <summary>The top-level help: usage line and one line per verb with its summary.</summary>
    /// <returns>Help text, every line at most <see cref="HelpWidth"/> columns.</returns>
    public string Usage()
    {
        var text = new StringBuilder();
        text.Append($"usage: {ToolName} <verb> [options]\n");
        text.Append($"       {ToolName} <verb> --help\n\nverbs:\n");
        int width = 0;
        foreach (ICommand command in commands)
        {
            width = Math.Max(width, command.Name.Length);
        }

        foreach (ICommand command in commands)
        {
            string line = $"  {command.Name.PadRight(width)}  {command.Summary}";
            text.Append(line.Length <= HelpWidth ? line : string.Concat(line.AsSpan(0, HelpWidth - 3), "..."));
            text.Append('\n');
        }

        return text.ToString();
    }

    private static bool IsHelp(string token) => token is "--help" or "-h" or "help";

    private UsageException UnknownVerb(string verb)
    {
        var names = commands.Select(static c => c.Name).ToList();
        string hint = Suggestion.Closest(verb, names) is { } close ? $" (did you mean '{close}'?)" : "";
        return new UsageException($"unknown verb '{verb}'{hint}; verbs: {string.Join(", ", names)}");
    }

    // "--" ends options: "nvbench compare -- --help" passes --help through as a positional.
    private static bool AsksForHelp(List<string> verbArgs)
    {
        foreach (string arg in verbArgs)
        {
            if (arg == "--")
            {
                return false;
            }

            if (arg is "--help" or "-h")
            {
                return true;
            }
        }

        return false;
    }

    private static string EndWithNewline(string text) => text.EndsWith('\n') ? text : text + "\n";

    private ICommand? Find(string verb)
    {
        foreach (ICommand command in commands)
        {
            if (command.Name == verb)
            {
                return command;
            }
        }

        return null;
    }
}
