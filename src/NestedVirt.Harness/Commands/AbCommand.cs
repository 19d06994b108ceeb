using System.Globalization;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Commands.Ab;
using NestedVirt.Harness.Commands.Processes;
using NestedVirt.Harness.Reporting;

namespace NestedVirt.Harness.Commands;

/// <summary>
/// <c>ab REV_A REV_B</c>: builds both revisions in temporary worktrees, runs them alternately for
/// N rounds, pools each side and prints the compare verdict. Exit codes as <c>compare</c>.
/// </summary>
public sealed class AbCommand : ICommand
{
    private static readonly string[] ValueOptions = [.. ComparisonArguments.ValueOptions, "--rounds", "--filter", "--format"];
    private readonly IGitRunner git;
    private readonly IProcessRunner processes;
    private readonly string? workRoot;

    /// <summary>Creates the verb.</summary>
    /// <param name="git">Runs git; default: the <c>git</c> executable (merge seam: the shared Git/ code).</param>
    /// <param name="processes">Runs dotnet; default: real processes.</param>
    /// <param name="workRoot">Parent folder of the session folder; default: the system temp folder.</param>
    public AbCommand(IGitRunner? git = null, IProcessRunner? processes = null, string? workRoot = null)
    {
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.git = git ?? new ProcessGitRunner(this.processes);
        this.workRoot = workRoot;
    }

    /// <inheritdoc/>
    public string Name => "ab";

    /// <inheritdoc/>
    public string Summary => "interleaved A/B run of two revisions with a verdict";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench ab REV_A REV_B [options]\n"
        + "Checks both revisions out into temporary git worktrees, builds each once,\n"
        + "runs the benchmarks A, B, A, B, ... (one process per run), pools each\n"
        + "side's samples and prints the compare verdict of B against A. Worktrees\n"
        + "are removed on success, failure and Ctrl-C. Exit codes as compare.\n"
        + "  --rounds N        rounds (default 5)\n"
        + "  --filter GLOB     benchmarks to run (default *)\n"
        + "  --format F        text (default), md or json\n"
        + ComparisonArguments.Help
        + "example: nvbench ab main HEAD --rounds 6 --filter '*NestedWalk*'\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CommandErrors.Run(Name, context, () =>
        {
            CommandArguments parsed = CommandArguments.Parse(args, ValueOptions, ComparisonArguments.FlagOptions);
            if (parsed.Help)
            {
                context.Out.Write(Help);
                return 0;
            }

            parsed.ExpectPositionals(2, "REV_A REV_B");
            ReportFormat format = ReportFormat.Text;
            if (parsed.Value("--format") is { } f && !ComparisonWriter.TryParseFormat(f, out format))
            {
                throw new ArgumentException($"--format: '{f}' is not text, md or json");
            }

            int rounds = 5;
            if (parsed.Value("--rounds") is { } r && (!int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out rounds) || rounds < 1))
            {
                throw new ArgumentException($"--rounds: '{r}' is not a positive integer");
            }

            var options = new AbOptions
            {
                RepositoryRoot = context.RepositoryRoot,
                RevisionA = parsed.Positionals[0],
                RevisionB = parsed.Positionals[1],
                Rounds = rounds,
                Filter = parsed.Value("--filter") ?? "*",
                Comparison = ComparisonArguments.Parse(parsed),
                WorkRoot = workRoot,
            };

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // Keep the process alive so the finally blocks remove the worktrees.
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                AbResult result = new AbSession(git, processes, context.Error).Run(options, cancel.Token);
                ComparisonWriter.Write(result.Report, format, context.Out);
                return result.Report.HasRegression ? 1 : 0;
            }
            catch (OperationCanceledException)
            {
                context.Error.Write("nvbench ab: cancelled; worktrees removed\n");
                return CommandErrors.BadInput;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
    }
}
