using System.Diagnostics;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Git;

/// <summary>A throw-away git repository driven by git directly (not by the code under test).</summary>
internal sealed class TempGitRepository : IDisposable
{
    private readonly ScratchFolder folder = new();

    public TempGitRepository()
    {
        Git("init", "-q", "-b", "main");
    }

    public string Path => folder.Path;

    /// <summary>Writes a file, commits everything, and returns the new commit's hash.</summary>
    public string Commit(string file, string content, string? subject = null)
    {
        folder.Write(file, content);
        Git("add", "-A");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
            "commit", "-q", "-m", subject ?? "change " + file);
        return Git("rev-parse", "HEAD");
    }

    public void WriteFile(string file, string content) => folder.Write(file, content);

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error}");
        return output.Trim();
    }

    public void Dispose() => folder.Dispose();
}
