using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Ab;
using NestedVirt.Harness.Lifecycle;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Reporting.Exporters;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Commands;

/// <summary>
/// <c>ab REV_A REV_B</c>: builds both revisions in temporary worktrees, runs them alternately for
/// N rounds, pools each side and prints the compare verdict. Exit codes as <c>compare</c>.
/// </summary>
public sealed class AbCommand : ICommand
{
    /// <summary>Most rounds accepted: each round is two <c>run --quick</c> processes of minutes each.</summary>
    public const int MaxRounds = 100;

    /// <summary>Default minimum rounds before the first look.</summary>
    public const int DefaultMinRounds = 2;

    /// <summary>Default maximum rounds: about 10 minutes over the headline cases here.</summary>
    public const int DefaultMaxRounds = 5;

    private readonly OptionSet options = ComparisonCommandLine.DeclareFormat(
        ComparisonCommandLine.Declare(ComparisonCommandLine.DeclareRounds(new OptionSet(), DefaultMinRounds, DefaultMaxRounds)
            .Option("filter", "GLOB", "benchmarks to run (default *)")
            .Flag("save", "store the pooled A and B runs under results/")
            .Flag("cover-letter", "print a cover letter after the verdict")));

    private readonly IProcessRunner processes;
    private readonly string? workRoot;
    private readonly Func<CpuPinning> pinning;

    /// <summary>Creates the verb.</summary>
    /// <param name="processes">Runs git and dotnet; default: real processes.</param>
    /// <param name="workRoot">Parent folder of the session folder; default: the system temp folder.</param>
    /// <param name="pinning">Where benchmark processes run; default: this machine's isolated CPUs, if any.</param>
    public AbCommand(IProcessRunner? processes = null, string? workRoot = null, Func<CpuPinning>? pinning = null)
    {
        this.pinning = pinning ?? CpuPinning.ForThisMachine;
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.workRoot = workRoot;
    }

    /// <inheritdoc/>
    public string Name => "ab";

    /// <inheritdoc/>
    public OptionSet Options => options;

    /// <inheritdoc/>
    public string Summary => "interleaved A/B runs of two revisions, with a verdict";

    /// <inheritdoc/>
    public string Help =>
        "usage: nvbench ab REV_A REV_B [options]\n\n"
        + "Checks both revisions out into temporary git worktrees, builds each\n"
        + "once, then runs 'nvbench run --quick' A, B, A, B, ... (one process\n"
        + "per run), pools each side's samples and prints the compare verdict\n"
        + "of B against A. Worktrees are removed on success, failure, Ctrl-C,\n"
        + "SIGTERM and SIGHUP (exit 130, 143, 129); after a SIGKILL, the next\n"
        + "long verb removes them. Exit codes as compare. --save stores the\n"
        + "pooled runs so compare and cover-letter can use them by id;\n"
        + "--cover-letter prints one right away.\n"
        + ComparisonCommandLine.SampleSizeNote + "\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench ab main HEAD --max-rounds 8 --filter '*NestedWalk*'\n";

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ParsedArguments parsed = options.Parse(args);
        string revisionA = parsed.Positional(0, "REV_A");
        string revisionB = parsed.Positional(1, "REV_B");
        parsed.RejectPositionalsBeyond(2);
        var abOptions = new AbOptions
        {
            RepositoryRoot = context.RepositoryRoot,
            RevisionA = revisionA,
            RevisionB = revisionB,
            Rounds = ComparisonCommandLine.ReadRounds(parsed, DefaultMinRounds, DefaultMaxRounds, MaxRounds),
            Pinning = pinning(),
            Filter = parsed.GetString("filter", "*"),
            Comparison = ComparisonCommandLine.Read(parsed),
            WorkRoot = workRoot ?? context.TemporaryRoot,
        };
        ReportFormat format = ComparisonCommandLine.ReadFormat(parsed);

        // Cooperative: the token kills the running build or benchmark process, and the session
        // removes its worktrees on the way out; the dispatcher then exits 128 + the signal.
        using LongVerb verb = LongVerb.Begin(context, cooperative: true);
        AbResult result = new AbSession(processes, context.Error, context.Interruption).Run(abOptions, verb.Token);
        var model = ReportModel.Of(result.PooledA, result.PooledB, result.Report);
        ReportExporters.Write(model, format, context.Out);
        if (parsed.Has("save"))
        {
            // Pooled runs are stored like any run (job "ab"), so compare, history and
            // cover-letter can read them later by id.
            string a = ResultsStore.Write(result.PooledA, context.ResultsRoot);
            string b = ResultsStore.Write(result.PooledB, context.ResultsRoot);
            context.Error.WriteLine($"ab: pooled A stored as {Path.GetFileNameWithoutExtension(a)}");
            context.Error.WriteLine($"ab: pooled B stored as {Path.GetFileNameWithoutExtension(b)}");
        }

        if (parsed.Has("cover-letter"))
        {
            context.Out.WriteLine();
            new CoverLetterExporter().Export(model, context.Out);
        }

        return result.Report.HasRegression ? 1 : 0;
    }
}
