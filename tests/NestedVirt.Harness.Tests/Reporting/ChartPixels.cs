using SkiaSharp;

namespace NestedVirt.Harness.Tests.Reporting;

/// <summary>Looks for the trend chart's colours in a decoded PNG (shared with the verb tests).</summary>
public static class ChartPixels
{
    /// <summary>The median line's colour in <c>SvgTrendChart</c>.</summary>
    public static readonly SKColor MedianBlue = SKColor.Parse("#08519c");

    /// <summary>A confirmed change point's colour in <c>SvgTrendChart</c>.</summary>
    public static readonly SKColor ShiftRed = SKColor.Parse("#d62728");

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
}
