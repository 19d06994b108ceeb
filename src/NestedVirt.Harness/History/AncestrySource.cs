namespace NestedVirt.Harness.History;

/// <summary>
/// Which repository's history orders stored runs. nvbench's checkout is found from the tool's
/// location (issue 11), but runs can come from elsewhere: a synthetic fleet, another project's
/// results, read from inside that repository. So the current folder's repository is asked too,
/// and the one whose HEAD ancestry holds more of the runs' commits wins; a tie goes to the
/// checkout.
/// </summary>
public static class AncestrySource
{
    /// <summary>The best git ancestry for <paramref name="commits"/>, or null when neither folder has one.</summary>
    /// <param name="commits">The runs' full commit hashes.</param>
    /// <param name="checkout">nvbench's checkout.</param>
    /// <param name="workingDirectory">The current folder, or null when it is the checkout.</param>
    public static GitAncestryOrder? Choose(IEnumerable<string> commits, string checkout, string? workingDirectory) =>
        Read(checkout, workingDirectory).Choose(commits);

    /// <summary>Reads both candidate ancestries once, for callers that choose for several sets of runs.</summary>
    /// <param name="checkout">nvbench's checkout.</param>
    /// <param name="workingDirectory">The current folder, or null when it is the checkout.</param>
    public static Candidates Read(string checkout, string? workingDirectory)
    {
        GitAncestryOrder? atCheckout = GitAncestryOrder.Read(checkout);
        GitAncestryOrder? here = workingDirectory is null || PathsEqual(workingDirectory, checkout)
            ? null
            : GitAncestryOrder.Read(workingDirectory);
        return new Candidates(atCheckout, here);
    }

    /// <summary>The checkout's ancestry and the current folder's (either may be absent).</summary>
    /// <param name="Checkout">The checkout's HEAD ancestry.</param>
    /// <param name="Here">The current folder's, when it is another repository.</param>
    public sealed record Candidates(GitAncestryOrder? Checkout, GitAncestryOrder? Here)
    {
        /// <summary>True when neither folder has a git history.</summary>
        public bool IsEmpty => Checkout is null && Here is null;

        /// <summary>The ancestry that places more of <paramref name="commits"/>; a tie goes to the checkout.</summary>
        /// <param name="commits">The runs' full commit hashes.</param>
        public GitAncestryOrder? Choose(IEnumerable<string> commits)
        {
            ArgumentNullException.ThrowIfNull(commits);
            if (Here is null)
            {
                return Checkout;
            }

            string[] distinct = commits.Distinct(StringComparer.Ordinal).ToArray();
            int Placed(GitAncestryOrder? order) => order?.Order(distinct).Count ?? -1;
            return Placed(Here) > Placed(Checkout) ? Here : Checkout;
        }
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
