using SkiaSharp;
using Svg.Skia;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// PNG trend charts without an external program: the SVG that <see cref="SvgTrendChart"/>
/// wrote is rasterised in process by Svg.Skia on SkiaSharp. There is one chart model and one
/// chart renderer; the PNG is a picture of the SVG, so both always show the same series and
/// change points. (A plotting package such as ScottPlot would have needed a second drawing of
/// every chart from the same data, which could drift from the SVG.)
/// </summary>
public static class PngTrendChart
{
    /// <summary>The PNG of an SVG document, <paramref name="width"/> pixels wide, on white.</summary>
    /// <param name="svg">The SVG document (as <see cref="SvgTrendChart.Render"/> returns it).</param>
    /// <param name="width">Width of the image in pixels; the height keeps the SVG's aspect ratio.</param>
    /// <returns>The encoded PNG.</returns>
    /// <exception cref="ArgumentException">The SVG could not be read or has no size.</exception>
    /// <exception cref="PngUnavailableException">SkiaSharp's native library cannot be loaded here.</exception>
    public static byte[] Render(string svg, int width = 760)
    {
        ArgumentNullException.ThrowIfNull(svg);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        try
        {
            return Rasterise(svg, width);
        }
        catch (System.Xml.XmlException e)
        {
            throw new ArgumentException($"the SVG document could not be read ({e.Message})", nameof(svg), e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new PngUnavailableException($"SkiaSharp cannot draw on this machine ({Cli.HarnessException.OneLine(e.Message)})", e);
        }
    }

    private static byte[] Rasterise(string svg, int width)
    {
        using var document = new SKSvg();
        SKPicture picture = document.FromSvg(svg)
            ?? throw new ArgumentException("the SVG document could not be read", nameof(svg));
        SKRect bounds = picture.CullRect;
        if (!(bounds.Width > 0 && bounds.Height > 0))
        {
            throw new ArgumentException("the SVG document has no size", nameof(svg));
        }

        float scale = width / bounds.Width;
        var info = new SKImageInfo(width, Math.Max(1, (int)Math.Ceiling(bounds.Height * scale)));
        using SKSurface surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        surface.Canvas.DrawPicture(picture);
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
