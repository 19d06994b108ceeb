using NestedVirt.Benchmarks.Commands;
using NestedVirt.Harness.Git;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Benchmarks.Tests.Commands;

/// <summary>Issue 11 item 10: a run without a commit says so, in one line, and why.</summary>
public sealed class RunProvenanceTests
{
    [Fact]
    public void TheRunVerbWarnsInOneLine()
    {
        using var folder = new ScratchFolder();
        var error = new StringWriter();

        GitInfo git = RunCommand.ReadGit(folder.Path, error);

        Assert.Equal(GitReader.Unknown, git.Commit);
        Assert.Equal(
            $"nvbench: warning: no commit for this run ('{folder.Path}' is not in a git checkout); it is stored as commit 'unknown' and history will not place it\n",
            error.ToString());
    }
}
