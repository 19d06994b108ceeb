using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Git;

/// <summary>
/// Reads the source revision of a checkout by running <c>git</c>. Outside a checkout, without
/// git, or when git hangs past the timeout, every answer is "unknown" (or null, false, empty),
/// never an exception: a missing commit must not stop a benchmark run.
/// </summary>
public sealed class GitReader
{
    /// <summary>What every field holds when it cannot be read.</summary>
    public const string Unknown = "unknown";

    /// <summary>Length of <see cref="GitInfo.ShortCommit"/>.</summary>
    public const int ShortCommitLength = 12;

    private readonly string workingDirectory;
    private readonly TimeSpan timeout;
    private readonly string executable;
    private readonly IProcessRunner processes;

    /// <summary>Creates a reader for the checkout containing <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">Any folder inside the checkout.</param>
    /// <param name="timeout">Per-command limit; 10 s when null.</param>
    /// <param name="executable">The git program; <c>git</c> from PATH by default.</param>
    /// <param name="processes">Runs git; real processes by default.</param>
    public GitReader(string workingDirectory, TimeSpan? timeout = null, string executable = "git", IProcessRunner? processes = null)
    {
        this.processes = processes ?? SystemProcessRunner.Instance;
        this.workingDirectory = workingDirectory;
        this.timeout = timeout ?? TimeSpan.FromSeconds(10);
        this.executable = executable;
    }

    /// <summary>Commit, short commit, branch and dirty flag of HEAD.</summary>
    /// <returns>The revision; <see cref="Unknown"/> values and <see cref="GitInfo.UnknownReason"/> outside a checkout.</returns>
    public GitInfo Read()
    {
        string? commit = ResolveRevision("HEAD");
        if (commit is null)
        {
            return new GitInfo { Commit = Unknown, ShortCommit = Unknown, Branch = Unknown, Dirty = false, UnknownReason = WhyNoCommit() };
        }

        // "--abbrev-ref HEAD" prints "HEAD" when detached, which is what GitInfo.Branch documents.
        string branch = Git(["rev-parse", "--abbrev-ref", "HEAD"]) is { ExitCode: 0, Output.Length: > 0 } b ? b.Output : Unknown;

        // Tracked changes only: untracked files (build output, scratch notes) do not change
        // what the benchmarks were built from.
        bool dirty = Git(["status", "--porcelain", "--untracked-files=no"]) is { ExitCode: 0 } s && s.Output.Length > 0;
        return new GitInfo { Commit = commit, ShortCommit = commit[..ShortCommitLength], Branch = branch, Dirty = dirty };
    }

    /// <summary>The full commit hash a revision names (<c>HEAD~3</c>, a branch, a tag, a short hash).</summary>
    /// <param name="revision">Any git revision expression; one starting with '-' is refused.</param>
    /// <returns>The 40-hex (or 64-hex) commit, or null when it does not resolve or git is unavailable.</returns>
    public string? ResolveRevision(string revision)
    {
        if (revision.Length == 0 || revision.StartsWith('-'))
        {
            return null;
        }

        return Git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"]) is { ExitCode: 0 } r && IsHash(r.Output)
            ? r.Output
            : null;
    }

    /// <summary>Whether <paramref name="ancestor"/> is an ancestor of (or equal to) <paramref name="descendant"/>.</summary>
    /// <param name="ancestor">A revision.</param>
    /// <param name="descendant">A revision.</param>
    /// <returns>True only when git says so; false when not, or when either revision or git is unavailable.</returns>
    public bool IsAncestor(string ancestor, string descendant)
    {
        string? a = ResolveRevision(ancestor);
        string? d = ResolveRevision(descendant);
        return a is not null && d is not null && Git(["merge-base", "--is-ancestor", a, d]) is { ExitCode: 0 };
    }

    /// <summary>The commits reachable from <paramref name="head"/>, oldest first, parents before children.</summary>
    /// <param name="head">A revision.</param>
    /// <param name="firstParent">Follow only first parents (the mainline of merges).</param>
    /// <returns>Full hashes; empty when <paramref name="head"/> does not resolve or git is unavailable.</returns>
    public IReadOnlyList<string> RevList(string head, bool firstParent = false)
    {
        string? commit = ResolveRevision(head);
        if (commit is null)
        {
            return [];
        }

        GitOutput? result = firstParent
            ? Git(["rev-list", "--reverse", "--topo-order", "--first-parent", commit])
            : Git(["rev-list", "--reverse", "--topo-order", commit]);
        if (result is not { ExitCode: 0 } r)
        {
            return [];
        }

        return r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Whether the checkout is a shallow clone (CI's default), whose history stops short of older commits.</summary>
    /// <returns>True only when git says so.</returns>
    public bool IsShallow() => Git(["rev-parse", "--is-shallow-repository"]) is { ExitCode: 0, Output: "true" };

    /// <summary>Why HEAD does not resolve, in words for a warning.</summary>
    /// <returns>"git not found", "'X' is not a git checkout", or "the repository at 'X' has no commits".</returns>
    public string WhyNoCommit()
    {
        if (Git(["--version"]) is not { ExitCode: 0 })
        {
            return $"cannot run '{executable}': not found on PATH or timed out";
        }

        if (Git(["rev-parse", "--git-dir"]) is not { ExitCode: 0 })
        {
            return $"'{workingDirectory}' is not in a git checkout";
        }

        return $"the repository at '{workingDirectory}' has no commit at HEAD";
    }

    private static bool IsHash(string text)
    {
        if (text.Length is not (40 or 64))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    // A missing git, a missing folder or a timeout is "no answer", never an exception.
    private GitOutput? Git(IReadOnlyList<string> arguments)
    {
        try
        {
            ProcessResult result = processes.Git(arguments, workingDirectory, CancellationToken.None, timeout, executable);
            return result.TimedOut ? null : new GitOutput(result.ExitCode, result.StandardOutput.TrimEnd());
        }
        catch (HarnessException)
        {
            return null;
        }
    }

    /// <summary>Exit code and standard output of a finished git command, trailing whitespace removed.</summary>
    private readonly record struct GitOutput(int ExitCode, string Output);
}
