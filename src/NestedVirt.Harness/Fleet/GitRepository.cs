using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.Fleet;

/// <summary>
/// The git plumbing that import and publish need, run in one repository: each call is one git
/// process (through <see cref="GitProcess"/>), and a failure the caller did not ask to handle is
/// a one-line <see cref="HarnessException"/> with git's own message.
/// </summary>
internal sealed class GitRepository(string root)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>The repository's folder.</summary>
    public string Root { get; } = root;

    /// <summary>Runs git and returns its result whatever the exit code.</summary>
    /// <exception cref="HarnessException">git could not be started or timed out.</exception>
    public GitProcess.Result Try(IReadOnlyList<string> args, string? input = null, IReadOnlyDictionary<string, string>? environment = null) =>
        GitProcess.Run("git", Root, Timeout, args, input, environment)
        ?? throw new HarnessException($"git {args[0]} did not run in '{Root}' (is git installed, and is this a git checkout?)");

    /// <summary>Runs git and returns its standard output.</summary>
    /// <exception cref="HarnessException">git failed; the message is git's.</exception>
    public string Run(IReadOnlyList<string> args, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        GitProcess.Result result = Try(args, input, environment);
        if (result.ExitCode != 0)
        {
            string why = HarnessException.OneLine(result.Error.Length > 0 ? result.Error : result.Output);
            throw new HarnessException($"git {args[0]} failed in '{Root}': {why}");
        }

        return result.Output;
    }

    /// <summary>The commit a ref points at, or null when it does not exist.</summary>
    public string? ResolveCommit(string reference)
    {
        GitProcess.Result result = Try(["rev-parse", "--verify", "--quiet", reference + "^{commit}"]);
        return result.ExitCode == 0 && result.Output.Length > 0 ? result.Output : null;
    }

    /// <summary>Blob hash by path of every file in a commit's tree.</summary>
    public Dictionary<string, string> Tree(string commit)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in Run(["ls-tree", "-r", "-z", "--full-tree", commit]).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <hash>\t<path>"
            int tab = entry.IndexOf('\t');
            string[] head = entry[..tab].Split(' ');
            if (head.Length == 3 && head[1] == "blob")
            {
                files[entry[(tab + 1)..]] = head[2];
            }
        }

        return files;
    }
}
