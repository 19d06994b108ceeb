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
    public static GitAncestryOrder? Choose(IEnumerable<string> commits, string checkout, string? workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(commits);
        GitAncestryOrder? best = GitAncestryOrder.Read(checkout);
        if (workingDirectory is null || PathsEqual(workingDirectory, checkout))
        {
            return best;
        }

        GitAncestryOrder? here = GitAncestryOrder.Read(workingDirectory);
        if (here is null)
        {
            return best;
        }

        string[] distinct = commits.Distinct(StringComparer.Ordinal).ToArray();
        int Placed(GitAncestryOrder? order) => order?.Order(distinct).Count ?? -1;
        return Placed(here) > Placed(best) ? here : best;
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
