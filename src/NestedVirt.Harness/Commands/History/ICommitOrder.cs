namespace NestedVirt.Harness.Commands.History;

/// <summary>
/// Puts commits in history order, oldest first. Merge seam: the git ancestry order (first-parent
/// log of HEAD) replaces <see cref="TimestampCommitOrder"/> when the <c>Git/</c> code lands.
/// </summary>
public interface ICommitOrder
{
    /// <summary>Returns the commits oldest first; commits the order does not know are left out.</summary>
    /// <param name="commits">Full commit hashes, each at most once.</param>
    IReadOnlyList<string> Order(IEnumerable<string> commits);
}
