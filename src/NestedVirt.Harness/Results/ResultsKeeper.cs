using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Stores a finished run so that an hour of measuring survives a full disk or a results folder
/// that became unwritable meanwhile: first where it was asked to go, then in each fallback
/// folder in turn (the caller names them, typically TMPDIR and the home folder, which are often
/// other filesystems). The caller prints the summary before asking, so the numbers are on the
/// screen whatever happens here.
/// </summary>
public static class ResultsKeeper
{
    /// <summary>The folder name used under each fallback root.</summary>
    public const string FallbackFolderName = "nvbench-unsaved";

    /// <summary>Stores <paramref name="envelope"/>.</summary>
    /// <param name="envelope">The run.</param>
    /// <param name="resultsRoot">Where it belongs.</param>
    /// <param name="fallbackRoots">Folders to try, in order, when that fails (<see cref="FallbackFolderName"/> is added below each).</param>
    /// <param name="wrapStream">Wraps the primary write's stream (tests fill the disk with it).</param>
    /// <returns>Where the run went and, when not where it belongs, why.</returns>
    public static KeptRun Keep(ResultsEnvelope envelope, string resultsRoot, IReadOnlyList<string> fallbackRoots, Func<Stream, Stream>? wrapStream = null)
    {
        ArgumentNullException.ThrowIfNull(fallbackRoots);
        string failure;
        try
        {
            return new KeptRun(ResultsStore.Write(envelope, resultsRoot, wrapStream), null);
        }
        catch (HarnessException ex)
        {
            failure = ex.Message;
        }

        foreach (string root in fallbackRoots)
        {
            try
            {
                return new KeptRun(ResultsStore.Write(envelope, Path.Combine(root, FallbackFolderName)), failure);
            }
            catch (HarnessException)
            {
                // Try the next one; the first failure is the one worth reporting.
            }
        }

        return new KeptRun(null, failure);
    }
}
