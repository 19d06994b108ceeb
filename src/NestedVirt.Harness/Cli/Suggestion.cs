namespace NestedVirt.Harness.Cli;

/// <summary>
/// "Did you mean" for a mistyped verb or option: the closest known word by edit distance
/// (insertions, deletions, substitutions and swaps of neighbours each cost 1), or one the typed
/// word starts, as git and dotnet suggest.
/// </summary>
public static class Suggestion
{
    /// <summary>The known word closest to <paramref name="typed"/>, or null when none is close.</summary>
    /// <param name="typed">What the user typed (without dashes).</param>
    /// <param name="known">The words it may have meant.</param>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        string lower = typed.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string word in known)
        {
            string candidate = word.ToLowerInvariant();
            int distance = candidate.StartsWith(lower, StringComparison.Ordinal) && lower.Length >= 3
                ? 1
                : Distance(lower, candidate);
            if (distance < bestDistance)
            {
                best = word;
                bestDistance = distance;
            }
        }

        // A third of the word may be wrong (at least one letter, at most three).
        return best is not null && bestDistance <= Math.Clamp(typed.Length / 3, 1, 3) ? best : null;
    }

    /// <summary>The suffix for an error line: <c> (did you mean --filter?)</c>, or empty.</summary>
    /// <param name="typed">What the user typed (without dashes).</param>
    /// <param name="known">The words it may have meant.</param>
    /// <param name="prefix">What to put before the suggestion (<c>--</c> for options).</param>
    public static string DidYouMean(string typed, IEnumerable<string> known, string prefix = "") =>
        Closest(typed, known) is { } word ? $" (did you mean {prefix}{word}?)" : "";

    // Optimal string alignment distance: Levenshtein plus adjacent transpositions.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
