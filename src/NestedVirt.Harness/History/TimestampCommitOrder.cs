using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.History;

/// <summary>
/// The fallback commit order: by the earliest run timestamp recorded for each commit (ties by
/// hash). Right for a machine that benchmarks each commit as it lands; wrong after a re-run of
/// an old commit, which is why <c>history</c> uses it only when git cannot give
/// <see cref="GitAncestryOrder"/>.
/// </summary>
public sealed class TimestampCommitOrder : ICommitOrder
{
    private readonly Dictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);

    /// <summary>Learns each commit's earliest run time from <paramref name="envelopes"/>.</summary>
    /// <param name="envelopes">Stored runs.</param>
    public TimestampCommitOrder(IEnumerable<ResultsEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        foreach (ResultsEnvelope e in envelopes)
        {
            if (!firstSeen.TryGetValue(e.Git.Commit, out DateTimeOffset t) || e.TimestampUtc < t)
            {
                firstSeen[e.Git.Commit] = e.TimestampUtc;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Order(IEnumerable<string> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var known = new List<string>();
        foreach (string commit in commits)
        {
            if (firstSeen.ContainsKey(commit))
            {
                known.Add(commit);
            }
        }

        known.Sort((a, b) =>
        {
            int byTime = firstSeen[a].CompareTo(firstSeen[b]);
            return byTime != 0 ? byTime : string.CompareOrdinal(a, b);
        });
        return known;
    }
}
