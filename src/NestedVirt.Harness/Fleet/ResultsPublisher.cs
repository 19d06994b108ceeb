using System.Globalization;
using System.Text;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.Fleet;

/// <summary>
/// Pushes local results files to a results branch shared by many machines, as
/// <c>&lt;machine-id&gt;/&lt;run id&gt;.json</c> at the branch's root. Each attempt fetches the
/// branch, builds a commit on top of it with git plumbing in a private index file (the
/// checkout's own index and work tree are never touched) and pushes without force. When the push
/// fails and a new fetch shows the branch moved, another machine pushed first: the attempt is
/// redone on top of its commit. Run file names are unique per machine, so nothing conflicts and
/// nothing is lost; a name that does exist with other bytes is reported and left alone.
/// </summary>
public sealed class ResultsPublisher
{
    private readonly GitRepository git;
    private readonly string remote;
    private readonly string branch;
    private readonly Action<int>? beforePush;

    /// <summary>Creates a publisher.</summary>
    /// <param name="repositoryRoot">The git checkout whose remote receives the results.</param>
    /// <param name="remote">Remote name or URL.</param>
    /// <param name="branch">Branch name on the remote.</param>
    /// <param name="beforePush">Called with the attempt number before each push (tests use it to push from another machine in between).</param>
    public ResultsPublisher(string repositoryRoot, string remote, string branch, Action<int>? beforePush = null)
    {
        git = new GitRepository(repositoryRoot);
        this.remote = remote;
        this.branch = branch;
        this.beforePush = beforePush;
    }

    /// <summary>How many pushes are tried before giving up.</summary>
    public int MaxAttempts { get; init; } = 8;

    private string TrackingRef => $"refs/nvbench/publish/{branch}";

    /// <summary>Publishes files.</summary>
    /// <param name="files">Full path of each local file and its path on the branch (<c>machine/run.json</c>).</param>
    /// <param name="progress">Retry notes, or null.</param>
    /// <exception cref="HarnessException">git failed for another reason than a concurrent push, or every attempt lost the race.</exception>
    public PublishReport Publish(IReadOnlyList<(string Path, string BranchPath)> files, TextWriter? progress)
    {
        ArgumentNullException.ThrowIfNull(files);
        var blobs = new Dictionary<string, (string Path, string Blob)>(StringComparer.Ordinal);
        foreach ((string path, string branchPath) in files)
        {
            blobs[branchPath] = (path, GitBlob.Id(File.ReadAllBytes(path)));
        }

        for (int attempt = 1; ; attempt++)
        {
            string? parent = Fetch();
            Dictionary<string, string> remoteFiles = parent is null ? [] : git.Tree(parent);
            var add = new List<string>();
            var conflicts = new List<string>();
            int there = 0;
            foreach ((string branchPath, (string _, string blob)) in blobs)
            {
                if (!remoteFiles.TryGetValue(branchPath, out string? remoteBlob))
                {
                    add.Add(branchPath);
                }
                else if (remoteBlob == blob)
                {
                    there++;
                }
                else
                {
                    conflicts.Add(branchPath);
                }
            }

            add.Sort(StringComparer.Ordinal);
            conflicts.Sort(StringComparer.Ordinal);
            if (add.Count == 0)
            {
                return new PublishReport([], there, conflicts, null, attempt - 1);
            }

            string commit = CommitOnTop(parent, add, blobs);
            beforePush?.Invoke(attempt);
            GitProcess.Result push = git.Try(["push", "--quiet", "--no-verify", remote, $"{commit}:refs/heads/{branch}"]);
            if (push.ExitCode == 0)
            {
                return new PublishReport(add, there, conflicts, commit, attempt);
            }

            // Detected, not guessed: only a branch that moved since our fetch means another
            // machine won the race; anything else (no remote, no access) is git's error.
            string? now = Fetch();
            if (now == parent)
            {
                throw new HarnessException($"git push to {remote} {branch} failed: {HarnessException.OneLine(push.Error)}");
            }

            if (attempt == MaxAttempts)
            {
                throw new HarnessException($"{remote} {branch} moved under every one of {MaxAttempts} pushes; nothing was lost, run publish again");
            }

            progress?.WriteLine($"nvbench: publish: {remote} {branch} moved (another machine pushed first); retrying on top of it");
            Thread.Sleep(Random.Shared.Next(20, 120) * attempt);
        }
    }

    // The branch's tip on the remote, fetched into a private ref; null when the branch does not exist yet.
    private string? Fetch()
    {
        GitProcess.Result fetch = git.Try(["fetch", "--quiet", "--no-tags", remote, $"+refs/heads/{branch}:{TrackingRef}"]);
        if (fetch.ExitCode == 0)
        {
            return git.ResolveCommit(TrackingRef);
        }

        if (fetch.Error.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase))
        {
            git.Try(["update-ref", "-d", TrackingRef]);
            return null;
        }

        throw new HarnessException($"git fetch from {remote} failed: {HarnessException.OneLine(fetch.Error)}");
    }

    private string CommitOnTop(string? parent, List<string> add, Dictionary<string, (string Path, string Blob)> blobs)
    {
        var paths = new StringBuilder();
        foreach (string branchPath in add)
        {
            paths.Append(blobs[branchPath].Path).Append('\n');
        }

        string[] written = git.Run(["hash-object", "-w", "--stdin-paths"], paths.ToString()).Split('\n');
        string indexFile = Path.Combine(Path.GetTempPath(), $"nvbench-publish-{Guid.NewGuid():N}.index");
        using Lifecycle.Cleanup onSignal = Lifecycle.Interruption.Current.OnInterrupt($"temporary file {indexFile}", () => File.Delete(indexFile));
        try
        {
            var environment = new Dictionary<string, string>(Identity()) { ["GIT_INDEX_FILE"] = indexFile };
            git.Run(parent is null ? ["read-tree", "--empty"] : ["read-tree", parent], environment: environment);
            var entries = new StringBuilder();
            for (int i = 0; i < add.Count; i++)
            {
                entries.Append("100644 ").Append(written[i].Trim()).Append('\t').Append(add[i]).Append('\n');
            }

            git.Run(["update-index", "--add", "--index-info"], entries.ToString(), environment);
            string tree = git.Run(["write-tree"], environment: environment);
            string message = string.Create(CultureInfo.InvariantCulture, $"nvbench publish: {add.Count} run(s) from {Machines(add)}\n");
            List<string> args = parent is null ? ["commit-tree", tree] : ["commit-tree", tree, "-p", parent];
            return git.Run(args, message, environment);
        }
        finally
        {
            File.Delete(indexFile);
        }
    }

    // A results commit needs an author; machines that never committed have none configured.
    private Dictionary<string, string> Identity()
    {
        if (git.Try(["config", "user.email"]).ExitCode == 0)
        {
            return [];
        }

        return new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "nvbench publish",
            ["GIT_AUTHOR_EMAIL"] = "nvbench@localhost",
            ["GIT_COMMITTER_NAME"] = "nvbench publish",
            ["GIT_COMMITTER_EMAIL"] = "nvbench@localhost",
        };
    }

    private static string Machines(List<string> add)
    {
        var machines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in add)
        {
            machines.Add(path[..Math.Max(0, path.IndexOf('/'))]);
        }

        return string.Join(", ", machines);
    }
}
