using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Turns what the user typed (a path, a run id, or a unique prefix of one) into a results file.
/// An exact id wins over longer ids it prefixes, so <c>...Z-abc</c> still names one run when
/// <c>...Z-abc-2</c> exists.
/// </summary>
internal static class RunFinder
{
    /// <summary>How many candidates an ambiguity message lists.</summary>
    internal const int ShownCandidates = 3;

    /// <summary>Finds the file; see <see cref="ResultsStore.Resolve"/>.</summary>
    /// <param name="pathOrId">A path to a file, or an id or id prefix.</param>
    /// <param name="resultsRoot">The <c>results/</c> folder searched for ids.</param>
    /// <returns>The full path of the file.</returns>
    public static string Resolve(string pathOrId, string resultsRoot)
    {
        if (pathOrId.Length == 0)
        {
            throw new HarnessException("empty results id");
        }

        if (File.Exists(pathOrId))
        {
            return Path.GetFullPath(pathOrId);
        }

        if (Directory.Exists(pathOrId))
        {
            throw new HarnessException($"'{pathOrId}' is a folder, not a results file (name a file in it, or a run id)");
        }

        // "machine-id/run-id" is a path relative to the results folder.
        foreach (string candidate in (ReadOnlySpan<string>)[pathOrId, pathOrId + ResultsFileName.Extension])
        {
            string underRoot = Path.Combine(resultsRoot, candidate);
            if (File.Exists(underRoot))
            {
                return Path.GetFullPath(underRoot);
            }
        }

        if (pathOrId.EndsWith(ResultsFileName.Extension, StringComparison.Ordinal) || pathOrId.Contains('/'))
        {
            throw new HarnessException($"results file '{pathOrId}' does not exist");
        }

        if (!Directory.Exists(resultsRoot))
        {
            throw new HarnessException($"no results match '{pathOrId}': folder '{resultsRoot}' does not exist");
        }

        return Match(pathOrId, resultsRoot);
    }

    private static string Match(string id, string resultsRoot)
    {
        var exact = new List<string>();
        var prefixed = new List<string>();
        foreach (string file in Directory.EnumerateFiles(resultsRoot, "*" + ResultsFileName.Extension, SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(file);
            if (!ResultsFileName.IsStoredRun(name) || Path.GetFileName(Path.GetDirectoryName(file)) == ResultsStore.BaselineFolderName)
            {
                continue;
            }

            string runId = Path.GetFileNameWithoutExtension(name);
            if (runId == id)
            {
                exact.Add(file);
            }
            else if (runId.StartsWith(id, StringComparison.Ordinal))
            {
                prefixed.Add(file);
            }
        }

        List<string> matches = exact.Count > 0 ? exact : prefixed;
        if (matches.Count == 1)
        {
            return Path.GetFullPath(matches[0]);
        }

        if (matches.Count == 0)
        {
            throw new HarnessException($"no results match '{id}' under '{resultsRoot}'");
        }

        matches.Sort(StringComparer.Ordinal);
        var shown = new List<string>(ShownCandidates);
        for (int i = 0; i < matches.Count && i < ShownCandidates; i++)
        {
            shown.Add(Path.GetRelativePath(resultsRoot, matches[i]));
        }

        string more = matches.Count > ShownCandidates ? $" and {matches.Count - ShownCandidates} more" : "";
        throw new HarnessException($"'{id}' is ambiguous: {string.Join(", ", shown)}{more}");
    }
}
