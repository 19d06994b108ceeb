using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Cli;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("2%", 2)]
    [InlineData("2", 2)]
    [InlineData("2.5 %", 2.5)]
    [InlineData("0%", 0)]
    [InlineData("-1%", -1)]
    [InlineData("1e1%", 10)]
    public void PercentWithOrWithoutTheSignMeansTheSame(string text, double expected)
    {
        Assert.True(Quantity.TryParsePercent(text, out double percent));
        Assert.Equal(expected, percent);
    }

    [Theory]
    [InlineData("five")]
    [InlineData("5s")]
    [InlineData("%")]
    [InlineData("")]
    [InlineData("5,5%")]
    [InlineData("NaN")]
    [InlineData("1e400%")]
    [InlineData("5%%")]
    public void NotAPercentage(string text)
    {
        Assert.False(Quantity.TryParsePercent(text, out _));
    }

    [Theory]
    [InlineData("0.5ns", 1, 0.5)]
    [InlineData("2us", 1, 2_000)]
    [InlineData("2µs", 1, 2_000)]
    [InlineData("120ms", 1, 120e6)]
    [InlineData("1s", 1, 1e9)]
    [InlineData("1 s", 1, 1e9)]
    [InlineData("3", 1, 3)]
    [InlineData("3", 1e6, 3e6)]
    [InlineData("0.2s", 1e6, 0.2e9)]
    public void TimesCarryTheirUnitAndABareNumberTheOptionsUnit(string text, double bareUnit, double expectedNs)
    {
        Assert.True(Quantity.TryParseTime(text, bareUnit, out double ns));
        Assert.Equal(expectedNs, ns, 6);
    }

    [Theory]
    [InlineData("1kg")]
    [InlineData("ms")]
    [InlineData("s")]
    [InlineData("5%")]
    [InlineData("1e400s")]
    [InlineData("0,5ns")]
    public void NotATime(string text)
    {
        Assert.False(Quantity.TryParseTime(text, 1, out _));
    }
}
