using System.Globalization;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Names of stored runs: <c>&lt;machine-id&gt;/&lt;yyyyMMddTHHmmssZ&gt;-&lt;short commit&gt;[-dirty].json</c>,
/// with <c>-2</c>, <c>-3</c>, ... before <c>.json</c> when the name is taken. Names sort by time
/// within a machine folder. A run's <em>id</em> is its file name without <c>.json</c>.
/// </summary>
public static class ResultsFileName
{
    /// <summary>Extension of stored runs.</summary>
    public const string Extension = ".json";

    /// <summary>Marker inside the names of in-progress temporary files, which readers skip.</summary>
    public const string TemporaryMarker = Lifecycle.TemporaryFileName.Marker;

    /// <summary>The file name without extension, e.g. <c>20260314T091500Z-0123456789ab-dirty</c>.</summary>
    /// <param name="envelope">The run.</param>
    /// <returns>The id the run gets when its name is free.</returns>
    public static string BaseName(ResultsEnvelope envelope)
    {
        string time = envelope.TimestampUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string commit = SafeCommit(envelope.Git.ShortCommit);
        return envelope.Git.Dirty ? $"{time}-{commit}-dirty" : $"{time}-{commit}";
    }

    /// <summary>The file name for the <paramref name="attempt"/>-th try: 1 is the plain name, 2 adds <c>-2</c>, ...</summary>
    /// <param name="baseName">From <see cref="BaseName"/>.</param>
    /// <param name="attempt">1-based attempt number.</param>
    /// <returns>The file name with extension.</returns>
    public static string WithSuffix(string baseName, int attempt) =>
        attempt <= 1 ? baseName + Extension : $"{baseName}-{attempt.ToString(CultureInfo.InvariantCulture)}{Extension}";

    /// <summary>Whether a file name is a stored run (a <c>.json</c> that is neither hidden nor temporary).</summary>
    /// <param name="fileName">A bare file name.</param>
    /// <returns>True for stored runs.</returns>
    public static bool IsStoredRun(string fileName) =>
        fileName.EndsWith(Extension, StringComparison.Ordinal) &&
        !fileName.StartsWith('.') &&
        !fileName.Contains(TemporaryMarker, StringComparison.Ordinal);

    /// <summary>Checks that a machine id can be a single folder name.</summary>
    /// <param name="machineId">The id from the envelope.</param>
    /// <exception cref="HarnessException">Empty, a dot name, or containing a path separator or control character.</exception>
    public static void ValidateMachineId(string machineId)
    {
        bool bad = machineId.Length == 0 || machineId is "." or ".." || machineId.StartsWith('.');
        foreach (char c in machineId)
        {
            bad |= c == '/' || c == '\\' || char.IsControl(c);
        }

        if (bad)
        {
            throw new HarnessException($"machine id '{machineId}' is not a valid folder name");
        }
    }

    // The short commit lands in a file name: keep it to lowercase hex-like characters so a
    // strange value ("unknown", or garbage from an odd git) can never escape the folder.
    private static string SafeCommit(string shortCommit)
    {
        Span<char> buffer = stackalloc char[Math.Min(shortCommit.Length, 40)];
        int n = 0;
        foreach (char c in shortCommit)
        {
            if (n == buffer.Length)
            {
                break;
            }

            char lower = char.ToLowerInvariant(c);
            if (lower is (>= '0' and <= '9') or (>= 'a' and <= 'z'))
            {
                buffer[n++] = lower;
            }
        }

        return n == 0 ? "unknown" : new string(buffer[..n]);
    }
}
