using NestedVirt.Benchmarks.Running;

namespace NestedVirt.Benchmarks.Tests.Commands;

public sealed class ListCommandTests
{
    [Fact]
    public void ListNamesEverySuiteOfTheCatalogWithItsBenchmarkNames()
    {
        (int exit, string output, string error) = ProgramTests.Run("list");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        string[] lines = output.Split('\n');
        foreach (Type suite in SuiteCatalog.Suites)
        {
            int header = Array.FindIndex(lines, l => l.StartsWith(suite.Name + " (", StringComparison.Ordinal));
            Assert.True(header >= 0, $"suite {suite.Name} is not listed");
            Assert.Matches("^  [* ] [a-z0-9._-]+(/[a-z0-9._-]+)+$", lines[header + 1]);
        }
    }

    [Fact]
    public void HeadlineListsOnlyStarredIds()
    {
        (int exit, string output, _) = ProgramTests.Run("list", "--headline");

        Assert.Equal(0, exit);
        string[] ids = output.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(ids);
        Assert.All(ids, l => Assert.StartsWith("  * ", l));
    }
}
