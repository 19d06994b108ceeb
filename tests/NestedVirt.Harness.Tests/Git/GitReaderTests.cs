using System.Runtime.Versioning;
using NestedVirt.Harness.Git;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Git;

public sealed class GitReaderTests
{
    [Fact]
    public void CleanCheckoutGivesCommitShortCommitAndBranch()
    {
        using var repo = new TempGitRepository();
        string head = repo.Commit("a.txt", "one");

        GitInfo info = new GitReader(repo.Path).Read();

        Assert.Equal(head, info.Commit);
        Assert.Equal(head[..12], info.ShortCommit);
        Assert.Equal("main", info.Branch);
        Assert.False(info.Dirty);
    }

    [Fact]
    public void ChangedTrackedFileMakesCheckoutDirty()
    {
        using var repo = new TempGitRepository();
        repo.Commit("a.txt", "one");
        repo.WriteFile("a.txt", "two");

        Assert.True(new GitReader(repo.Path).Read().Dirty);
    }

    [Fact]
    public void UntrackedFileDoesNotMakeCheckoutDirty()
    {
        using var repo = new TempGitRepository();
        repo.Commit("a.txt", "one");
        repo.WriteFile("scratch.txt", "notes");

        Assert.False(new GitReader(repo.Path).Read().Dirty);
    }

    [Fact]
    public void DetachedHeadHasBranchHead()
    {
        using var repo = new TempGitRepository();
        string first = repo.Commit("a.txt", "one");
        repo.Commit("a.txt", "two");
        repo.Git("checkout", "-q", "--detach", first);

        GitInfo info = new GitReader(repo.Path).Read();

        Assert.Equal("HEAD", info.Branch);
        Assert.Equal(first, info.Commit);
    }

    [Fact]
    public void SubfolderOfCheckoutReadsTheCheckout()
    {
        using var repo = new TempGitRepository();
        string head = repo.Commit("sub/dir/a.txt", "one");

        Assert.Equal(head, new GitReader(Path.Combine(repo.Path, "sub", "dir")).Read().Commit);
    }

    [Fact]
    public void OutsideCheckoutEverythingIsUnknown()
    {
        using var scratch = new ScratchFolder();

        AssertUnknown(new GitReader(scratch.Path));
    }

    [Fact]
    public void RepositoryWithoutCommitsIsUnknown()
    {
        using var repo = new TempGitRepository();

        Assert.Equal(GitReader.Unknown, new GitReader(repo.Path).Read().Commit);
    }

    [Fact]
    public void MissingGitExecutableIsUnknownNotAnException()
    {
        using var repo = new TempGitRepository();
        repo.Commit("a.txt", "one");

        AssertUnknown(new GitReader(repo.Path, executable: Path.Combine(repo.Path, "no-such-git")));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void HangingGitIsKilledAtTheTimeout()
    {
        using var scratch = new ScratchFolder();
        // Prints a valid hash only after 5 s: reading it would mean the timeout did not fire.
        string fake = scratch.Write("slow-git", "#!/bin/sh\nsleep 5\necho 0123456789abcdef0123456789abcdef01234567\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        AssertUnknown(new GitReader(scratch.Path, TimeSpan.FromMilliseconds(300), fake));
    }

    [Fact]
    public void RevListIsOldestFirstAndRevisionsResolve()
    {
        using var repo = new TempGitRepository();
        string c1 = repo.Commit("a.txt", "1");
        string c2 = repo.Commit("a.txt", "2");
        string c3 = repo.Commit("a.txt", "3");
        var git = new GitReader(repo.Path);

        Assert.Equal([c1, c2, c3], git.RevList("HEAD"));
        Assert.Equal([c1, c2], git.RevList(c2, firstParent: true));
        Assert.Equal(c2, git.ResolveRevision("HEAD~1"));
        Assert.Equal(c1, git.ResolveRevision(c1[..10]));
        Assert.Equal(c3, git.ResolveRevision("main"));
    }

    [Fact]
    public void IsAncestorFollowsHistory()
    {
        using var repo = new TempGitRepository();
        string c1 = repo.Commit("a.txt", "1");
        string c2 = repo.Commit("a.txt", "2");
        var git = new GitReader(repo.Path);

        Assert.True(git.IsAncestor(c1, c2));
        Assert.True(git.IsAncestor(c2, c2));
        Assert.False(git.IsAncestor(c2, c1));
        Assert.False(git.IsAncestor("no-such-rev", c2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--all")]
    [InlineData("-h")]
    [InlineData("no-such-branch")]
    public void BadRevisionResolvesToNull(string revision)
    {
        using var repo = new TempGitRepository();
        repo.Commit("a.txt", "1");

        Assert.Null(new GitReader(repo.Path).ResolveRevision(revision));
    }

    private static void AssertUnknown(GitReader git)
    {
        GitInfo info = git.Read();
        Assert.Equal(GitReader.Unknown, info.Commit);
        Assert.Equal(GitReader.Unknown, info.ShortCommit);
        Assert.Equal(GitReader.Unknown, info.Branch);
        Assert.False(info.Dirty);
        Assert.Null(git.ResolveRevision("HEAD"));
        Assert.Empty(git.RevList("HEAD"));
        Assert.False(git.IsAncestor("HEAD", "HEAD"));
    }
}
