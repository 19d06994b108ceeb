using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Ab;
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

    private readonly OptionSet options = ComparisonCommandLine.DeclareFormat(
        ComparisonCommandLine.Declare(new OptionSet()
            .Option("rounds", "N", "rounds of A then B (default 5)")
            .Option("filter", "GLOB", "benchmarks to run (default *)")
            .Flag("save", "store the pooled A and B runs under results/")
            .Flag("cover-letter", "print a cover letter after the verdict")));

    private readonly IProcessRunner processes;
    private readonly string? workRoot;

    /// <summary>Creates the verb.</summary>
    /// <param name="processes">Runs git and dotnet; default: real processes.</param>
    /// <param name="workRoot">Parent folder of the session folder; default: the system temp folder.</param>
    public AbCommand(IProcessRunner? processes = null, string? workRoot = null)
    {
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
        + "of B against A. Worktrees are removed on success, failure and\n"
        + "Ctrl-C. Exit codes as compare. --save stores the pooled runs so\n"
        + "compare and cover-letter can use them by id; --cover-letter prints\n"
        + "one right away.\n"
        + ComparisonCommandLine.SampleSizeNote + "\n"
        + "options:\n" + options.Describe() + "\n"
        + "example:\n  nvbench ab main HEAD --rounds 6 --filter '*NestedWalk*'\n";

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
            Rounds = parsed.GetInt32("rounds", 5, min: 1, max: MaxRounds),
            Filter = parsed.GetString("filter", "*"),
            Comparison = ComparisonCommandLine.Read(parsed),
            WorkRoot = workRoot,
        };
        ReportFormat format = ComparisonCommandLine.ReadFormat(parsed);

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
            AbResult result = new AbSession(processes, context.Error).Run(abOptions, cancel.Token);
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
        catch (OperationCanceledException e)
        {
            throw new HarnessException("ab cancelled; worktrees removed", innerException: e);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
