using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.Lifecycle;

/// <summary>
/// Removes what a SIGKILLed (or crashed) nvbench left behind, at the start of the next long verb,
/// and says so: its <see cref="TemporaryFolder"/>s (with any A/B worktrees inside, which are then
/// pruned from their repository) and its half-written <see cref="TemporaryFileName"/> files in
/// the results folders. Only things whose owner process is gone are touched; folders without an
/// owner file (a test's, another tool's) never are.
/// </summary>
public static class Leftovers
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sweeps <paramref name="tempRoot"/> and <paramref name="resultsRoots"/> (each with its machine and baseline folders).</summary>
    /// <param name="tempRoot">Where temporary folders are made (TMPDIR).</param>
    /// <param name="resultsRoots">Results folders (<c>results/</c>, a <c>--out</c> folder).</param>
    /// <param name="report">Receives one line per removal.</param>
    /// <returns>How many folders and files were removed.</returns>
    public static int Sweep(string tempRoot, IEnumerable<string> resultsRoots, TextWriter report)
    {
        ArgumentNullException.ThrowIfNull(resultsRoots);
        ArgumentNullException.ThrowIfNull(report);
        int removed = SweepFolders(tempRoot, report);
        foreach (string root in resultsRoots.Distinct(StringComparer.Ordinal))
        {
            removed += SweepTemporaryFiles(root, report);
            foreach (string folder in SafeDirectories(root))
            {
                removed += SweepTemporaryFiles(folder, report);
            }
        }

        return removed;
    }

    /// <summary>
    /// Removes the <see cref="OwnedFolder"/>s exactly <paramref name="depth"/> levels below
    /// <paramref name="parent"/> whose owner is gone (a run's artifacts folder,
    /// <c>artifacts/runs/&lt;machine&gt;/&lt;run&gt;/</c>, left half-filled by a SIGKILL).
    /// </summary>
    /// <param name="parent">Where to look.</param>
    /// <param name="depth">How many folder levels below it the owned folders are.</param>
    /// <param name="report">Receives one line per removal.</param>
    /// <returns>How many folders were removed.</returns>
    public static int SweepOwned(string parent, int depth, TextWriter report)
    {
        ArgumentNullException.ThrowIfNull(report);
        IEnumerable<string> level = [parent];
        for (int i = 0; i < depth; i++)
        {
            level = level.SelectMany(static folder => SafeDirectories(folder)).ToList();
        }

        return SweepFolders(level, report);
    }

    private static int SweepFolders(string tempRoot, TextWriter report) =>
        SweepFolders(SafeDirectories(tempRoot, TemporaryFolder.Prefix + "*"), report);

    private static int SweepFolders(IEnumerable<string> candidates, TextWriter report)
    {
        int removed = 0;
        foreach (string folder in candidates)
        {
            if (Owner(folder) is not ProcessIdentity owner || owner.IsAlive())
            {
                continue;
            }

            List<string> gitDirs = WorktreeGitDirs(folder);
            try
            {
                TemporaryFolder.DeleteTree(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                report.WriteLine($"nvbench: could not remove {folder}, left by an interrupted nvbench (pid {owner.Pid}): {ex.Message}");
                continue;
            }

            foreach (string gitDir in gitDirs)
            {
                // The worktrees' folders are gone now; prune drops their registrations.
                GitProcess.Run("git", gitDir, GitTimeout, ["--git-dir=" + gitDir, "worktree", "prune"]);
            }

            string worktrees = gitDirs.Count > 0 ? $" and pruned its worktrees from {string.Join(", ", gitDirs)}" : "";
            report.WriteLine($"nvbench: removed {folder}, left by an interrupted nvbench (pid {owner.Pid}){worktrees}");
            removed++;
        }

        return removed;
    }

    private static int SweepTemporaryFiles(string folder, TextWriter report)
    {
        int removed = 0;
        foreach (string file in SafeFiles(folder, "." + "*" + TemporaryFileName.Marker + "*"))
        {
            if (TemporaryFileName.OwnerOf(Path.GetFileName(file)) is not int pid || ProcessIdentity.Exists(pid))
            {
                continue;
            }

            try
            {
                File.Delete(file);
                report.WriteLine($"nvbench: removed {file}, half-written by an interrupted nvbench (pid {pid})");
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                report.WriteLine($"nvbench: could not remove {file}: {ex.Message}");
            }
        }

        return removed;
    }

    private static ProcessIdentity? Owner(string folder)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(folder, TemporaryFolder.OwnerFileName));
            return ProcessIdentity.TryParse(text, out ProcessIdentity owner) ? owner : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A linked worktree's ".git" is a file "gitdir: <repo>/.git/worktrees/<name>"; the
    // repository's git dir is two levels up (git-worktree(1), "DETAILS").
    private static List<string> WorktreeGitDirs(string folder)
    {
        var dirs = new List<string>();
        foreach (string child in SafeDirectories(folder))
        {
            string marker = Path.Combine(child, ".git");
            if (!File.Exists(marker))
            {
                continue;
            }

            try
            {
                string line = File.ReadLines(marker).FirstOrDefault() ?? "";
                const string prefix = "gitdir: ";
                if (!line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string admin = line[prefix.Length..].Trim();
                string? worktreesDir = Path.GetDirectoryName(admin);
                if (worktreesDir is not null && Path.GetFileName(worktreesDir) == "worktrees" &&
                    Path.GetDirectoryName(worktreesDir) is { } gitDir && !dirs.Contains(gitDir))
                {
                    dirs.Add(gitDir);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable marker: the folder still goes; its registration stays until a manual prune.
            }
        }

        return dirs;
    }

    private static IEnumerable<string> SafeDirectories(string folder, string pattern = "*")
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetDirectories(folder, pattern) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static IEnumerable<string> SafeFiles(string folder, string pattern)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, pattern) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
