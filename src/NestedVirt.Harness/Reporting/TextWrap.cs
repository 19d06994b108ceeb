namespace NestedVirt.Harness.Reporting;

/// <summary>Word wrapping for plain-text mail (no word is ever lost; an over-long word is cut).</summary>
public static class TextWrap
{
    /// <summary>Wraps <paramref name="text"/> at spaces so that no line, suffix included, exceeds <paramref name="width"/>.</summary>
    /// <param name="text">One logical line.</param>
    /// <param name="width">Maximum columns per line.</param>
    /// <param name="continuation">Prefix of every line after the first (e.g. two spaces).</param>
    /// <param name="suffix">Appended to every line except the last (e.g. <c> \</c> for a shell command).</param>
    public static IReadOnlyList<string> Wrap(string text, int width, string continuation = "  ", string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(suffix);
        int limit = width - suffix.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, continuation.Length + 8, nameof(width));
        var lines = new List<string>();
        string? current = null;
        // Leading spaces indent the first line; later lines take the continuation prefix.
        string prefix = text[..(text.Length - text.TrimStart(' ').Length)];
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not null)
            {
                if (current.Length + 1 + word.Length <= limit)
                {
                    current += " " + word;
                    continue;
                }

                lines.Add(current + suffix);
                prefix = continuation;
            }

            string rest = word;
            while (prefix.Length + rest.Length > limit && rest.Length > 1)
            {
                int take = Math.Max(1, limit - prefix.Length);
                lines.Add(prefix + rest[..take] + suffix);
                rest = rest[take..];
                prefix = continuation;
            }

            current = prefix + rest;
        }

        lines.Add(current ?? prefix.TrimEnd());
        return lines;
    }
}
