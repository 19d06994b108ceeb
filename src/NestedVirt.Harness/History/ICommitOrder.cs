namespace NestedVirt.Harness.History;

/// <summary>
/// Puts commits in history order, oldest first: <see cref="GitAncestryOrder"/> in a checkout,
/// <see cref="TimestampCommitOrder"/> when git cannot answer.
/// </summary>
public interface ICommitOrder
{
    /// <summary>Returns the commits oldest first; commits the order does not know are left out.</summary>
    /// <param name="commits">Full commit hashes, each at most once.</param>
    IReadOnlyList<string> Order(IEnumerable<string> commits);
}
