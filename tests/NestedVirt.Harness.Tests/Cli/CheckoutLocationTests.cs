using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Cli;

/// <summary>
/// Issue 11 item 4: the checkout was found from the current folder only, so nvbench run from
/// elsewhere (or run-bench.ps1 from another folder) wrote to &lt;cwd&gt;/results/...-unknown.json
/// and compare and history looked in the wrong place. The tool's own location decides first.
/// </summary>
public sealed class CheckoutLocationTests
{
    [Fact]
    public void TheToolsCheckoutWinsOverTheCurrentFolder()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("repo/Perf.sln", "");
        scratch.Write("repo/bench/NestedVirt.Benchmarks/bin/Release/net10.0/nvbench.dll", "");
        scratch.Write("other/Perf.sln", "");

        CheckoutLocation found = RepositoryLocator.Locate(
            scratch.Combine("repo", "bench", "NestedVirt.Benchmarks", "bin", "Release", "net10.0"), scratch.Combine("other"));

        Assert.Equal(scratch.Combine("repo"), found.Root);
        Assert.Null(found.Warning);
    }

    [Fact]
    public void AToolOutsideACheckoutUsesTheCurrentFoldersCheckout()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("tools/nvbench.dll", "");
        scratch.Write("repo/Perf.sln", "");
        scratch.Write("repo/src/keep", "");

        CheckoutLocation found = RepositoryLocator.Locate(scratch.Combine("tools"), scratch.Combine("repo", "src"));

        Assert.Equal(scratch.Combine("repo"), found.Root);
        Assert.Null(found.Warning);
    }

    [Fact]
    public void NoCheckoutAnywhereSaysWhereResultsGo()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("tools/nvbench.dll", "");
        scratch.Write("work/keep", "");

        CheckoutLocation found = RepositoryLocator.Locate(scratch.Combine("tools"), scratch.Combine("work"));

        Assert.Equal(scratch.Combine("work"), found.Root);
        Assert.Equal(
            $"nvbench: warning: no checkout (Perf.sln) above '{scratch.Combine("tools")}' or '{scratch.Combine("work")}'; results are read from and written to '{scratch.Combine("work", "results")}'",
            found.Warning);
    }
}
