using NestedVirt.Harness.Git;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Git;

/// <summary>
/// Issue 11 item 10: runs lost their commit silently when git was missing or there was no
/// repository (stored as "unknown", dirty=false). The reason is kept and the run warns.
/// </summary>
public sealed class UnknownCommitTests
{
    [Fact]
    public void OutsideACheckoutTheReasonNamesTheFolder()
    {
        using var folder = new ScratchFolder();

        GitInfo git = new GitReader(folder.Path).Read();

        Assert.Equal(GitReader.Unknown, git.Commit);
        Assert.Equal($"'{folder.Path}' is not in a git checkout", git.UnknownReason);
    }

    [Fact]
    public void WithoutGitTheReasonNamesTheProgram()
    {
        using var folder = new ScratchFolder();

        GitInfo git = new GitReader(folder.Path, executable: "/nonexistent/git").Read();

        Assert.Equal("cannot run '/nonexistent/git': not found on PATH or timed out", git.UnknownReason);
    }

    [Fact]
    public void AKnownCommitHasNoReason()
    {
        using var repository = new TempGitRepository();
        repository.Commit("a.txt", "a");

        Assert.Null(new GitReader(repository.Path).Read().UnknownReason);
    }
}
