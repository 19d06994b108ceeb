using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Bisect;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>bisect GOOD BAD --filter GLOB</c>: the first commit where the selected benchmarks got
/// slower, found by running <c>ab</c> between GOOD and the commits in between as
/// <c>git bisect</c> would. Exit 0 with the culprit, 1 when BAD is not slower than GOOD, 2 on
/// bad input or a failed step; worktrees are removed on success, failure, Ctrl-C and SIGTERM.
/// </summary>
public sealed class BisectCommand : ICommand
{
    private readonly OptionSet options = ComparisonCommandLine.DeclareVerdict(
        ComparisonCommandLine.DeclareRounds(new OptionSet(), AbCommand.DefaultMinRounds, AbCommand.DefaultMaxRounds)
            .Option("filter", "GLOB", "benchmarks to run (required, e.g. '*Walk*')"));

    private readonly IProcessRunner processes;
    private readonly string? workRoot;
    private readonly Func<CpuPinning> pinning;

    /// <summary>Creates the verb.</summary>
    /// <param name="processes">Runs git and dotnet; default: real processes.</param>
    /// <param name="workRoot">Parent folder of each step's session folder; default: the system temp folder.</param>
    /// <param name="pinning">Where benchmark processes run; default: this machine's isolated CPUs, if any.</param>
    public BisectCommand(IProcessRunner? processes = null, string? workRoot = null, Func<CpuPinning>? pinning = null)
    {
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.workRoot = workRoot;
        this.pinning = pinning ?? CpuPinning.ForThisMachine;
    }

    /// <inheritdoc/>
    public string Name => "bisect";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "find the first commit that made benchmarks slower";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench bisect GOOD BAD --filter GLOB [options]\n\n"
        + "Finds the first commit on BAD's first-parent line after GOOD where\n"
        + "the selected benchmarks got slower, as git bisect would: first an\n"
        + "ab of BAD against GOOD (the benchmarks flagged slower there are the\n"
        + "ones chased), then a binary search, each step an ab of the commit\n"
        + "against GOOD in its own temporary worktrees. Prints the commit, its\n"
        + "subject and the evidence of every step (ratio, interval, verdict)\n"
        + "as plain text for a mail. Worktrees are removed on success,\n"
        + "failure, Ctrl-C, SIGTERM and SIGHUP (exit 130, 143, 129); after a\n"
        + "SIGKILL, the next long verb removes them. Exit 0 culprit found,\n"
        + "1 BAD is not slower than GOOD, 2 bad input or a failed step.\n\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench bisect v1.0 HEAD --filter '*NestedWalk*'\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        string good = parsed.Positional(0, "GOOD");
        string bad = parsed.Positional(1, "BAD");
        parsed.RejectPositionalsBeyond(2);
        var comparison = ComparisonCommandLine.ReadVerdict(parsed);
        string filter = parsed.GetString("filter") ?? throw new UsageException("bisect needs --filter GLOB: the benchmarks whose slowdown to chase");
        var bisect = new BisectOptions
        {
            Good = good,
            Bad = bad,
            Ab = new AbOptions
            {
                RepositoryRoot = context.RepositoryRoot,
                RevisionA = good,
                RevisionB = bad,
                Rounds = ComparisonCommandLine.ReadRounds(parsed, AbCommand.DefaultMinRounds, AbCommand.DefaultMaxRounds, AbCommand.MaxRounds),
                Filter = filter,
                Comparison = comparison,
                WorkRoot = workRoot ?? context.TemporaryRoot,
                Pinning = pinning(),
            },
        };

        // Cooperative, as ab: the token kills the running git, build or benchmark process, each
        // step's session removes its worktrees on the way out, and the dispatcher exits 128 + the signal.
        using LongVerb verb = LongVerb.Begin(context, cooperative: true);
        BisectResult result = new BisectSession(processes, context.Error, context.Interruption).Run(bisect, verb.Token);
        context.Out.Write(BisectReportWriter.Text(result, filter, comparison with { Looks = bisect.Ab.Rounds.Looks }));
        return result.FirstBad is null ? 1 : 0;
    }
}
