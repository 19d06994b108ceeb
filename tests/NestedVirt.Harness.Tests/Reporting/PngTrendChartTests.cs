using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;
using SkiaSharp;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed class PngTrendChartTests
{
    private static TrendChart Chart(bool withShift)
    {
        var points = new List<TrendPoint>();
        for (int i = 0; i < 40; i++)
        {
            double median = i < 20 ? 100 : 130;
            points.Add(new TrendPoint($"c{i:x2}", median * 0.97, median, median * 1.04));
        }

        ChangePoint[] shifts = withShift ? [new ChangePoint(19, "c14", ComparisonVerdict.Slower, 100, 130, 1.3)] : [];
        return new TrendChart("Synthetic on m1", "ns/op", [new TrendPanel("synthetic/a", points, shifts)]);
    }

    [Fact]
    public void PngDecodesAtTheRequestedWidthWithTheSvgsAspectRatio()
    {
        byte[] png = PngTrendChart.Render(SvgTrendChart.Render(Chart(withShift: true)), width: 1520);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(1520, bitmap.Width);
        Assert.Equal(2 * 294, bitmap.Height); // SVG: 34 title + 250 per panel + 10, doubled
    }

    [Fact]
    public void PngShowsTheSvgsMedianLineAndChangePoint()
    {
        using SKBitmap with = SKBitmap.Decode(PngTrendChart.Render(SvgTrendChart.Render(Chart(withShift: true))));
        using SKBitmap without = SKBitmap.Decode(PngTrendChart.Render(SvgTrendChart.Render(Chart(withShift: false))));

        Assert.True(ChartPixels.Count(with, ChartPixels.MedianBlue) > 300, "median line drawn");
        Assert.True(ChartPixels.Count(with, ChartPixels.ShiftRed) > 50, "change point drawn");
        Assert.Equal(0, ChartPixels.Count(without, ChartPixels.ShiftRed));
        Assert.True(ChartPixels.Count(without, ChartPixels.MedianBlue) > 300);
    }

    [Fact]
    public void BlankSvgGivesAWhitePngSoTheChecksAboveCanFail()
    {
        using SKBitmap blank = SKBitmap.Decode(PngTrendChart.Render(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\"></svg>", width: 100));

        Assert.Equal(100 * 50, ChartPixels.Count(blank, SKColors.White));
        Assert.Equal(0, ChartPixels.Count(blank, ChartPixels.MedianBlue));
    }

    [Fact]
    public void NotAnSvgIsRefused() =>
        Assert.Throws<ArgumentException>(() => PngTrendChart.Render("this is not svg"));
}
