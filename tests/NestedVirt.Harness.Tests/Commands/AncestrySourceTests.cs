using NestedVirt.Harness.History;
using NestedVirt.Harness.Tests.Git;
using NestedVirt.Harness.Tests.Results;

namespace NestedVirt.Harness.Tests.Commands;

/// <summary>
/// The checkout is found from the tool's location, yet runs of another repository (a synthetic
/// fleet) are ordered by that repository when nvbench runs inside it.
/// </summary>
public sealed class AncestrySourceTests
{
    [Fact]
    public void TheRepositoryThatHoldsTheRunsCommitsOrdersThem()
    {
        using var checkout = new TempGitRepository();
        checkout.Commit("a.txt", "checkout");
        using var fleet = new TempGitRepository();
        string first = fleet.Commit("b.txt", "1");
        string second = fleet.Commit("b.txt", "2");

        GitAncestryOrder? order = AncestrySource.Choose([second, first], checkout.Path, fleet.Path);

        Assert.NotNull(order);
        Assert.Equal([first, second], order.Order([second, first]));
    }

    [Fact]
    public void TheCheckoutWinsATieAndAFolderWithoutGit()
    {
        using var checkout = new TempGitRepository();
        string mine = checkout.Commit("a.txt", "checkout");
        using var plain = new ScratchFolder();
        using var other = new TempGitRepository();
        other.Commit("b.txt", "1");

        Assert.Equal([mine], AncestrySource.Choose([mine], checkout.Path, plain.Path)!.Order([mine]));
        Assert.Equal([mine], AncestrySource.Choose([mine], checkout.Path, other.Path)!.Order([mine]));
    }
}
