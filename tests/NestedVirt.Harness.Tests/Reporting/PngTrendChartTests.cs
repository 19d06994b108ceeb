using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;
using SkiaSharp;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed class PngTrendChartTests
{
    /// <summary>The median line's colour in <see cref="SvgTrendChart"/>.</summary>
    public static readonly SKColor MedianBlue = SKColor.Parse("#08519c");

    /// <summary>A confirmed change point's colour in <see cref="SvgTrendChart"/>.</summary>
    public static readonly SKColor ShiftRed = SKColor.Parse("#d62728");

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

    /// <summary>Pixels within 64 per channel of <paramref name="color"/> (thin lines are anti-aliased against white).</summary>
    public static int Count(SKBitmap bitmap, SKColor color)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor p = bitmap.GetPixel(x, y);
                count += Math.Abs(p.Red - color.Red) <= 64 && Math.Abs(p.Green - color.Green) <= 64 && Math.Abs(p.Blue - color.Blue) <= 64 ? 1 : 0;
            }
        }

        return count;
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

        Assert.True(Count(with, MedianBlue) > 300, "median line drawn");
        Assert.True(Count(with, ShiftRed) > 50, "change point drawn");
        Assert.Equal(0, Count(without, ShiftRed));
        Assert.True(Count(without, MedianBlue) > 300);
    }

    [Fact]
    public void BlankSvgGivesAWhitePngSoTheChecksAboveCanFail()
    {
        using SKBitmap blank = SKBitmap.Decode(PngTrendChart.Render(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\"></svg>", width: 100));

        Assert.Equal(100 * 50, Count(blank, SKColors.White));
        Assert.Equal(0, Count(blank, MedianBlue));
    }

    [Fact]
    public void NotAnSvgIsRefused() =>
        Assert.Throws<ArgumentException>(() => PngTrendChart.Render("this is not svg"));
}
