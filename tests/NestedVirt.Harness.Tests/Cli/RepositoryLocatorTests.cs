using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Cli;

public sealed class RepositoryLocatorTests
{
    [Fact]
    public void WalksUpToTheFolderHoldingPerfSln()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("repo/Perf.sln", "");
        scratch.Write("repo/src/deep/er/keep", "");

        Assert.Equal(scratch.Combine("repo"), RepositoryLocator.Find(scratch.Combine("repo", "src", "deep", "er")));
        Assert.Equal(scratch.Combine("repo"), RepositoryLocator.Find(scratch.Combine("repo")));
    }

    [Fact]
    public void WithoutMarkerTheStartFolderIsUsed()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("elsewhere/keep", "");

        Assert.Equal(scratch.Combine("elsewhere"), RepositoryLocator.Find(scratch.Combine("elsewhere")));
    }
}
