using System.Globalization;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Orders stored runs oldest first: by timestamp, then by the name the run was meant to have,
/// then by the collision suffix as a number, so <c>X</c> comes before <c>X-2</c> and <c>X-2</c>
/// before <c>X-10</c> (ordinal order would put <c>X-2.json</c> first, since '-' sorts before '.').
/// </summary>
public static class StoredRunOrder
{
    /// <summary>Compares two runs.</summary>
    /// <param name="a">A run.</param>
    /// <param name="b">Another run.</param>
    /// <returns>Negative when <paramref name="a"/> is older.</returns>
    public static int Compare(StoredRun? a, StoredRun? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        int byTime = a.Envelope.TimestampUtc.CompareTo(b.Envelope.TimestampUtc);
        if (byTime != 0)
        {
            return byTime;
        }

        string baseA = ResultsFileName.BaseName(a.Envelope);
        string baseB = ResultsFileName.BaseName(b.Envelope);
        int byBase = string.CompareOrdinal(baseA, baseB);
        if (byBase != 0)
        {
            return byBase;
        }

        int bySuffix = Suffix(a.Id, baseA).CompareTo(Suffix(b.Id, baseB));
        return bySuffix != 0 ? bySuffix : string.CompareOrdinal(a.Path, b.Path);
    }

    // 1 for the plain name, N for "-N", and last for a file renamed by hand.
    private static int Suffix(string id, string baseName)
    {
        if (id == baseName)
        {
            return 1;
        }

        if (id.Length > baseName.Length + 1 && id.StartsWith(baseName, StringComparison.Ordinal) && id[baseName.Length] == '-' &&
            int.TryParse(id.AsSpan(baseName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }

        return int.MaxValue;
    }
}
