using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.History;

/// <summary>
/// Commit order from git: the commits reachable from HEAD, parents before children
/// (<c>git rev-list --reverse --topo-order HEAD</c>, through <see cref="GitReader.RevList"/>).
/// Unlike <see cref="TimestampCommitOrder"/> a re-run of an old commit keeps the commit's place,
/// and commits not in HEAD's ancestry (other branches, rewritten history) are left out.
/// </summary>
public sealed class GitAncestryOrder : ICommitOrder
{
    private readonly Dictionary<string, int> position = new(StringComparer.Ordinal);

    /// <summary>Creates the order from an ancestry list.</summary>
    /// <param name="ancestry">Full commit hashes, oldest first.</param>
    public GitAncestryOrder(IReadOnlyList<string> ancestry)
    {
        ArgumentNullException.ThrowIfNull(ancestry);
        foreach (string commit in ancestry)
        {
            position.TryAdd(commit, position.Count);
        }
    }

    /// <summary>How many commits the order knows.</summary>
    public int Count => position.Count;

    /// <summary>Reads HEAD's ancestry from the repository at <paramref name="repositoryRoot"/>.</summary>
    /// <param name="repositoryRoot">Any folder inside the checkout.</param>
    /// <returns>The order, or null when git is unavailable or HEAD does not resolve.</returns>
    public static GitAncestryOrder? Read(string repositoryRoot)
    {
        IReadOnlyList<string> ancestry = new GitReader(repositoryRoot).RevList("HEAD");
        return ancestry.Count == 0 ? null : new GitAncestryOrder(ancestry);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Order(IEnumerable<string> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var known = new List<string>();
        foreach (string commit in commits)
        {
            if (position.ContainsKey(commit))
            {
                known.Add(commit);
            }
        }

        known.Sort((a, b) => position[a].CompareTo(position[b]));
        return known;
    }
}
