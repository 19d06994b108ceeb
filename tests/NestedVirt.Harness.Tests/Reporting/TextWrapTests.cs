using NestedVirt.Harness.Reporting;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed class TextWrapTests
{
    [Fact]
    public void WrapsAtSpacesWithContinuationIndent()
    {
        IReadOnlyList<string> lines = TextWrap.Wrap("  one two three four five six", 16, "    ");

        Assert.Equal(["  one two three", "    four five", "    six"], lines);
    }

    [Fact]
    public void CommandContinuationLinesEndInBackslashAndFitTheWidth()
    {
        string command = "nvbench run --job full --filter '*RelayVsReflection*' --exporters json --artifacts artifacts/bdn";

        IReadOnlyList<string> lines = TextWrap.Wrap("  " + command, 40, "    ", " \\");

        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.All(lines.Take(lines.Count - 1), l => Assert.EndsWith(" \\", l));
        Assert.Equal(command, string.Join(' ', lines.Select(l => l.TrimEnd('\\').Trim())));
    }

    [Fact]
    public void OverlongWordIsCutNotLost()
    {
        string word = new('x', 50);

        IReadOnlyList<string> lines = TextWrap.Wrap(word, 20, "  ");

        Assert.All(lines, l => Assert.True(l.Length <= 20, l));
        Assert.Equal(word, string.Concat(lines.Select(l => l.Trim())));
    }
}
