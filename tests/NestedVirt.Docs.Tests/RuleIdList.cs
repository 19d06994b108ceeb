using System.Text.RegularExpressions;

namespace NestedVirt.Docs.Tests;

/// <summary>
/// Every rule id the model uses, written out by hand (ranges are inclusive). docs/model must
/// define each of them, so that code written against any of them can be followed.
/// </summary>
internal static partial class RuleIdList
{
    /// <summary>The ids, grouped by page.</summary>
    public const string Text =
        "D-01..D-05 D-10..D-13 " +                                             // 01 exit dispatch
        "H-01 H-10..H-17 G-01..G-07 R-01..R-06 C-01..C-04 " +                  // 02 hypercalls
        "E-01..E-08 N-01..N-07 N-04a W-01..W-03 W-10..W-17 W-20..W-25 " +      // 03 nested paging
        "B-01..B-03 B-10..B-15 B-20 B-30..B-33";                               // 04 build-time disable

    /// <summary>The ids of <see cref="Text"/>, ranges expanded.</summary>
    public static IReadOnlyList<string> All()
    {
        var ids = new List<string>();
        foreach (string item in Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Match range = Range().Match(item);
            if (!range.Success)
            {
                ids.Add(item);
                continue;
            }

            string family = range.Groups["family"].Value;
            int first = int.Parse(range.Groups["first"].Value, System.Globalization.CultureInfo.InvariantCulture);
            int last = int.Parse(range.Groups["last"].Value, System.Globalization.CultureInfo.InvariantCulture);
            for (int n = first; n <= last; n++)
                ids.Add($"{family}-{n:00}");
        }

        return ids;
    }

    [GeneratedRegex(@"^(?<family>[A-Z])-(?<first>\d{2})\.\.\k<family>-(?<last>\d{2})$")]
    private static partial Regex Range();
}
