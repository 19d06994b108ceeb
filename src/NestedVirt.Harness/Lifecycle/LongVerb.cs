using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// What every long verb (run, ab, icount, canary, calibrate, bisect) does first and holds while
/// it works: removes what an earlier, killed run left (<see cref="Leftovers"/>), declares whether
/// it unwinds by itself on a signal (<see cref="Interruption.Cooperate"/>), and makes its
/// temporary folders so that a signal removes them.
/// </summary>
public sealed class LongVerb : IDisposable
{
    private readonly CommandContext context;
    private readonly IDisposable? cooperation;

    private LongVerb(CommandContext context, IDisposable? cooperation)
    {
        this.context = context;
        this.cooperation = cooperation;
    }

    /// <summary>The process's signal state.</summary>
    public Interruption Interruption => context.Interruption;

    /// <summary>Cancelled on SIGINT, SIGTERM or SIGHUP.</summary>
    public CancellationToken Token => context.Interruption.Token;

    /// <summary>Starts a long verb.</summary>
    /// <param name="context">The verb's context.</param>
    /// <param name="cooperative">True when the verb watches <see cref="Token"/> and returns by itself once it is cancelled.</param>
    /// <param name="resultsRoots">Results folders besides <see cref="CommandContext.ResultsRoot"/> to sweep (a <c>--out</c> folder).</param>
    /// <returns>The scope; dispose it when the verb ends.</returns>
    public static LongVerb Begin(CommandContext context, bool cooperative, params string[] resultsRoots)
    {
        ArgumentNullException.ThrowIfNull(context);
        Leftovers.Sweep(context.TemporaryRoot ?? Path.GetTempPath(), [context.ResultsRoot, .. resultsRoots], context.Error);
        return new LongVerb(context, cooperative ? context.Interruption.Cooperate() : null);
    }

    /// <summary>A temporary folder removed on dispose and on a signal.</summary>
    /// <param name="kind">A word for its name.</param>
    /// <exception cref="HarnessException">TMPDIR is missing or not writable.</exception>
    public TemporaryFolder CreateFolder(string kind) => TemporaryFolder.Create(kind, context.Interruption, context.TemporaryRoot);

    /// <summary>Ends the verb's declaration of cooperation.</summary>
    public void Dispose() => cooperation?.Dispose();
}
