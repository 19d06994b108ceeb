using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Cli;

public sealed class SuggestionTests
{
    private static readonly string[] Options = ["filter", "threshold", "quick", "noise-floor", "anyCategories", "format"];

    [Theory]
    [InlineData("fliter", "filter")]
    [InlineData("treshold", "threshold")]
    [InlineData("quic", "quick")]
    [InlineData("noisefloor", "noise-floor")]
    [InlineData("anycategories", "anyCategories")]
    [InlineData("Format", "format")]
    public void ATypoGetsTheClosestOption(string typed, string expected)
    {
        Assert.Equal(expected, Suggestion.Closest(typed, Options));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("verbose")]
    [InlineData("f")]
    public void NothingCloseSuggestsNothing(string typed)
    {
        Assert.Null(Suggestion.Closest(typed, Options));
        Assert.Equal("", Suggestion.DidYouMean(typed, Options, "--"));
    }
}
