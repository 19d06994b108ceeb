using System.Text;
using System.Text.RegularExpressions;

namespace NestedVirt.Docs.Tests.Citations;

/// <summary>A Markdown heading: its 1-based line, level and text.</summary>
internal sealed record Heading(int Line, int Level, string Text);

/// <summary>
/// The little Markdown the model pages need: headings outside fenced code, the anchors GitHub
/// derives from them, and relative links.
/// </summary>
internal static partial class Markdown
{
    /// <summary>The headings of <paramref name="lines"/>, skipping fenced code blocks.</summary>
    public static IReadOnlyList<Heading> Headings(IReadOnlyList<string> lines)
    {
        var headings = new List<Heading>();
        bool fenced = false;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            Match match = HeadingLine().Match(line);
            if (!fenced && match.Success)
                headings.Add(new Heading(i + 1, match.Groups["hashes"].Length, match.Groups["text"].Value.Trim()));
        }

        return headings;
    }

    /// <summary>
    /// GitHub's anchor for a heading: lower case, everything but letters, digits, spaces, '-'
    /// and '_' dropped, spaces turned into '-'. Repeats get "-1", "-2", ... as GitHub does.
    /// </summary>
    public static IReadOnlySet<string> Anchors(IEnumerable<Heading> headings)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Heading heading in headings)
        {
            string slug = Slug(heading.Text);
            if (seen.TryGetValue(slug, out int count))
            {
                seen[slug] = count + 1;
                anchors.Add($"{slug}-{count + 1}");
            }
            else
            {
                seen[slug] = 0;
                anchors.Add(slug);
            }
        }

        return anchors;
    }

    /// <summary>The anchor GitHub gives one heading text (without the repeat suffix).</summary>
    public static string Slug(string headingText)
    {
        var slug = new StringBuilder(headingText.Length);
        foreach (char c in headingText.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
                slug.Append(c);
            else if (c == ' ')
                slug.Append('-');
        }

        return slug.ToString();
    }

    /// <summary>Relative link targets on one line (<c>[text](target)</c>), web links excluded.</summary>
    public static IEnumerable<string> LinkTargets(string line)
    {
        foreach (Match match in Link().Matches(line))
        {
            string target = match.Groups["target"].Value;
            if (!target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
                yield return target;
        }
    }

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
