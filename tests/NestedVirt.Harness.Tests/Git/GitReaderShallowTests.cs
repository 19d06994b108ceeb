using System.Diagnostics;
using NestedVirt.Harness.Git;

namespace NestedVirt.Harness.Tests.Git;

/// <summary>Issue 11 item 12: a shallow clone gets a hint where its short history explains an error.</summary>
public sealed class GitReaderShallowTests
{
    [Fact]
    public void AShallowCloneIsRecognisedAndAFullOneIsNot()
    {
        using var repository = new TempGitRepository();
        repository.Commit("a.txt", "1");
        repository.Commit("a.txt", "2");
        using var target = new Results.ScratchFolder();
        string clone = Path.Combine(target.Path, "clone");
        var start = new ProcessStartInfo("git") { ArgumentList = { "clone", "-q", "--depth", "1", "file://" + repository.Path, clone }, RedirectStandardError = true };
        using (Process git = Process.Start(start)!)
        {
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            Assert.Equal(0, git.ExitCode);
        }

        Assert.True(new GitReader(clone).IsShallow());
        Assert.False(new GitReader(repository.Path).IsShallow());
        Assert.Null(new GitReader(clone).ResolveRevision("HEAD~1"));
    }
}
