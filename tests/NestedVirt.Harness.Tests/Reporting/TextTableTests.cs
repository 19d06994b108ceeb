using NestedVirt.Harness.Reporting;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed class TextTableTests
{
    [Fact]
    public void NumbersAreRightAlignedAndColumnsSeparatedBySpaces()
    {
        var table = new TextTable(72, "  ")
            .AddColumn("benchmark", TextAlignment.Left)
            .AddColumn("ns", TextAlignment.Right)
            .AddRow(["walk", "1.5"])
            .AddRow(["dispatch", "1234"]);

        Assert.Equal(
            ["  benchmark    ns", "  walk        1.5", "  dispatch   1234"],
            table.RenderLines());
    }

    [Fact]
    public void TooWideNameMovesToItsOwnLineAndNoLineExceedsTheWidth()
    {
        string longName = "rvr/vmx/hvpostmessage/reflect/noclean/with/a/very/long/suffix/part";
        var table = new TextTable(40)
            .AddColumn("benchmark", TextAlignment.Left)
            .AddColumn("base", TextAlignment.Right)
            .AddColumn("head", TextAlignment.Right)
            .AddRow(["short", "1.0", "2.0"])
            .AddRow([longName, "3.0", "4.0"]);

        IReadOnlyList<string> lines = table.RenderLines();

        Assert.All(lines, l => Assert.True(l.Length <= 40, $"{l.Length}: {l}"));
        Assert.Contains(lines, l => l.EndsWith("3.0   4.0", StringComparison.Ordinal) && l.TrimStart().StartsWith("3.0", StringComparison.Ordinal));
        Assert.Equal(longName, string.Concat(lines.Where(l => l.Contains('/', StringComparison.Ordinal)).Select(l => l.Trim())));
    }

    [Fact]
    public void NoTrailingSpacesAndNoTabs()
    {
        var table = new TextTable()
            .AddColumn("a", TextAlignment.Left)
            .AddColumn("b", TextAlignment.Left)
            .AddRow(["x", ""]);

        Assert.All(table.RenderLines(), l =>
        {
            Assert.Equal(l.TrimEnd(), l);
            Assert.DoesNotContain('\t', l);
        });
    }

    [Fact]
    public void RowWithWrongCellCountIsRejected()
    {
        var table = new TextTable().AddColumn("a", TextAlignment.Left);

        Assert.Throws<ArgumentException>(() => table.AddRow(["1", "2"]));
    }
}
