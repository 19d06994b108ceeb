using NestedVirt.Harness.Reporting;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(0.54, "0.5")]
    [InlineData(12.25, "12.3")]
    [InlineData(99.94, "99.9")]
    [InlineData(99.96, "100")]
    [InlineData(100.0, "100")]
    [InlineData(154.5, "155")]
    [InlineData(4670.1, "4670")]
    [InlineData(double.NaN, "-")]
    public void NanosecondsHaveOneDecimalBelowOneHundredAndNoneAbove(double ns, string expected)
    {
        Assert.Equal(expected, NumberText.Nanoseconds(ns));
    }

    [Theory]
    [InlineData(1.2, "+20.0%")]
    [InlineData(0.527, "-47.3%")]
    [InlineData(1.0, "0.0%")]
    [InlineData(double.NaN, "-")]
    public void DeltaIsASignedPercentage(double ratio, string expected)
    {
        Assert.Equal(expected, NumberText.Delta(ratio));
    }

    [Fact]
    public void NumbersUseDotsUnderACommaCulture()
    {
        using CommaCulture culture = CommaCulture.Use();

        Assert.Equal("12.5", NumberText.Nanoseconds(12.5));
        Assert.Equal("+12.5%", NumberText.Delta(1.125));
        Assert.Equal("7.80x", NumberText.Ratio(7.8));
        Assert.Equal("0.05", NumberText.Plain(0.05));
        Assert.Equal("1235", NumberText.Integer(1234.5));
    }

    // A hostile run's 1e12 ns against 7.7 ns is a factor of 1.3e11: short enough for a 72-column table.
    [Theory]
    [InlineData(1.0213, "1.021")]
    [InlineData(999.4, "999.400")]
    [InlineData(129870129870.1, "1.30e11")]
    [InlineData(double.NaN, "-")]
    public void FactorHasThreeDecimalsUpToAThousandThenAnExponent(double ratio, string expected) =>
        Assert.Equal(expected, NumberText.Factor(ratio));
}
