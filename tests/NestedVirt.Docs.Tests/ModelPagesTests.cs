using NestedVirt.Docs.Tests.Citations;

namespace NestedVirt.Docs.Tests;

/// <summary>The pages of docs/model themselves: complete, each rule sourced, links intact.</summary>
public class ModelPagesTests
{
    [Fact]
    public void DocsModelDefinesEveryRuleIdTheModelUses()
    {
        string[] missing = RuleIdList.All().Where(id => !Checkout.Docs.Rules.ContainsKey(id)).ToArray();
        Assert.True(missing.Length == 0, "docs/model does not define: " + string.Join(", ", missing));
    }

    [Fact]
    public void DocsModelDefinesNoRuleIdOutsideTheList()
    {
        // A new rule goes into docs/model and into RuleIdList.Text together, so the list stays
        // the registry of ids and the test above keeps guarding all of them.
        var listed = RuleIdList.All().ToHashSet(StringComparer.Ordinal);
        string[] extra = Checkout.Docs.Rules.Values.Where(r => !listed.Contains(r.Id)).Select(r => $"{r.File}:{r.Line}: {r.Id}").ToArray();
        Assert.True(extra.Length == 0, "defined in docs/model but missing from RuleIdList.Text:\n" + string.Join('\n', extra));
    }

    [Fact]
    public void TheRuleIdListHasTheEightyTwoIdsOfTheModel()
    {
        IReadOnlyList<string> all = RuleIdList.All();
        Assert.Equal(82, all.Count);
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("N-04a", all);
        Assert.Contains("B-33", all);
    }

    [Fact]
    public void EveryRuleIsDefinedOnceWithASourceAndEveryLinkResolves()
    {
        Assert.True(Checkout.Docs.Problems.Count == 0, string.Join('\n', Checkout.Docs.Problems.Select(p => p.ToString())));
    }

    [Fact]
    public void EveryNumberedPageAndTheSourcesPageHaveSections()
    {
        foreach (string page in new[] { "01", "02", "03", "04", "05", "sources" })
        {
            Assert.True(Checkout.Docs.Sections.TryGetValue(page, out HashSet<string>? sections), $"docs/model has no page {page}");
            Assert.Contains("1", sections);
        }

        Assert.Contains("5.23", Checkout.Docs.Sections["sources"]);
    }
}
