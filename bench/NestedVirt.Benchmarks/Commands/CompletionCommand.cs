using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>nvbench completion bash|zsh</c>: prints a completion script generated from the verbs'
/// declared options (<see cref="CompletionScript"/>), so it always matches the parser.
/// </summary>
public sealed class CompletionCommand : ICommand
{
    private readonly Func<IReadOnlyList<ICommand>> commands;
    private readonly OptionSet options = new();

    /// <summary>Creates the verb.</summary>
    /// <param name="commands">The verbs to complete (the dispatcher's, this one included).</param>
    public CompletionCommand(Func<IReadOnlyList<ICommand>> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        this.commands = commands;
    }

    /// <inheritdoc/>
    public string Name => "completion";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "print a bash or zsh completion script";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench completion bash|zsh\n\n" +
        "Prints a completion script for verbs, options and option values\n" +
        "(e.g. --format text|md|json), generated from the same declarations\n" +
        "the parser uses. Load it in the current shell, or from ~/.bashrc or\n" +
        "~/.zshrc (zsh: after compinit). It completes the command 'nvbench':\n" +
        "an alias or the built apphost (bench/NestedVirt.Benchmarks/bin/\n" +
        "Release/net10.0/nvbench) on PATH.\n\n" +
        "examples:\n" +
        "  p=$PWD/bench/NestedVirt.Benchmarks\n" +
        "  alias nvbench=\"dotnet run -c Release --project $p --\"\n" +
        "  source <(nvbench completion bash)\n" +
        "  source <(nvbench completion zsh)\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        string shell = parsed.Positional(0, "bash|zsh");
        parsed.RejectPositionalsBeyond(1);
        context.Out.Write(CompletionScript.For(shell, "nvbench", commands()));
        return 0;
    }
}
