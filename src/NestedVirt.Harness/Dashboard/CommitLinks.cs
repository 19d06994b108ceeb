using System.Text.RegularExpressions;
using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.Dashboard;

/// <summary>
/// Where a commit hash links to: <c>--commit-url</c> with <c>{commit}</c> in it, else the web
/// page of the checkout's <c>origin</c> when it is on GitHub or a GitLab-style host, else
/// nowhere (the hash and subject are still shown). Subjects come from the local git history.
/// </summary>
internal sealed partial class CommitLinks
{
    private readonly string? template;
    private readonly Dictionary<string, string> subjects = new(StringComparer.Ordinal);

    public CommitLinks(string repositoryRoot, string? template, IEnumerable<string> commits)
    {
        this.template = template ?? FromOrigin(repositoryRoot);
        var wanted = commits.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        GitProcess.Result? log = GitProcess.Run("git", repositoryRoot, TimeSpan.FromSeconds(30), ["log", "--no-walk=unsorted", "--format=%H%x09%s", .. wanted]);
        foreach (string line in log is { ExitCode: 0 } ? log.Value.Output.Split('\n') : [])
        {
            int tab = line.IndexOf('\t');
            if (tab > 0)
            {
                subjects[line[..tab]] = line[(tab + 1)..];
            }
        }
    }

    /// <summary>The commit's URL, or null.</summary>
    public string? Url(string commit) => template?.Replace("{commit}", commit, StringComparison.Ordinal);

    /// <summary>The commit's subject line, or null when git does not know the commit.</summary>
    public string? Subject(string commit) => subjects.GetValueOrDefault(commit);

    private static string? FromOrigin(string repositoryRoot)
    {
        GitProcess.Result? url = GitProcess.Run("git", repositoryRoot, TimeSpan.FromSeconds(10), ["remote", "get-url", "origin"]);
        if (url is not { ExitCode: 0 })
        {
            return null;
        }

        Match match = WebRemote().Match(url.Value.Output.Trim());
        return match.Success ? $"https://{match.Groups["host"].Value}/{match.Groups["path"].Value}/commit/{{commit}}" : null;
    }

    // https://github.com/o/r(.git) or git@github.com:o/r(.git), for hosts that serve /commit/<hash>.
    [GeneratedRegex(@"^(?:https://|git@)(?<host>github\.com|gitlab\.com|codeberg\.org)[:/](?<path>[^\s]+?)(?:\.git)?/?$")]
    private static partial Regex WebRemote();
}
