using System.Globalization;
using System.Text;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.Synthetic;

/// <summary>
/// A git repository with N empty commits in a line, made with one <c>git fast-import</c>, so
/// that <c>history</c> orders synthetic runs by real git ancestry as it does real ones.
/// </summary>
internal static class SyntheticRepository
{
    /// <summary>Creates the repository and returns its commits' full hashes, oldest first.</summary>
    /// <param name="folder">A folder that does not exist yet.</param>
    /// <param name="commits">How many commits.</param>
    /// <param name="start">Commit time of the first commit; each next one is an hour later.</param>
    public static IReadOnlyList<string> Create(string folder, int commits, DateTimeOffset start)
    {
        Directory.CreateDirectory(folder);
        Git(folder, null, "init", "--quiet", "--initial-branch=main");
        var script = new StringBuilder();
        for (int i = 1; i <= commits; i++)
        {
            long time = start.AddHours(i - 1).ToUnixTimeSeconds();
            string message = $"synthetic commit {i}\n";
            script.Append("commit refs/heads/main\n");
            script.Append(CultureInfo.InvariantCulture, $"mark :{i}\n");
            script.Append(CultureInfo.InvariantCulture, $"committer nvbench synth <synth@nvbench.invalid> {time} +0000\n");
            script.Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(message)}\n{message}");
            if (i > 1)
            {
                script.Append(CultureInfo.InvariantCulture, $"from :{i - 1}\n");
            }

            script.Append('\n');
        }

        string marks = Path.Combine(folder, ".git", "synth-marks");
        Git(folder, script.ToString(), "fast-import", "--quiet", $"--export-marks={marks}");
        Git(folder, null, "checkout", "--quiet", "main");
        var hashes = new string[commits];
        foreach (string line in File.ReadAllLines(marks))
        {
            string[] parts = line.Split(' ');
            hashes[int.Parse(parts[0].AsSpan(1), CultureInfo.InvariantCulture) - 1] = parts[1];
        }

        return hashes;
    }

    private static void Git(string folder, string? input, params string[] args)
    {
        GitProcess.Result? result = GitProcess.Run("git", folder, TimeSpan.FromMinutes(5), args, input);
        if (result is not { ExitCode: 0 })
        {
            string why = result is { } r ? HarnessException.OneLine(r.Error) : "git did not run or timed out";
            throw new HarnessException($"git {args[0]} failed in '{folder}': {why}");
        }
    }
}
