using System.Globalization;
using System.Text;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// Renders a <see cref="TrendChart"/> as a self-contained SVG written by hand (no plotting
/// package was on the mirror, model 05 §4): per panel a min-max band, the median line with points,
/// change points as vertical markers with their shift, commit labels on the x axis, and the unit.
/// Every number is written in the invariant culture.
/// </summary>
public static class SvgTrendChart
{
    private const double Width = 760;
    private const double Left = 70;
    private const double Right = 20;
    private const double TitleHeight = 34;
    private const double PanelHeight = 250;
    private const double PlotTop = 26;
    private const double PlotHeight = 150;
    private const int MaxLabels = 25;
    private const int MaxDots = 300;
    private const int YTicks = 4;

    /// <summary>Returns the SVG document.</summary>
    /// <param name="chart">The chart.</param>
    public static string Render(TrendChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        double height = TitleHeight + chart.Panels.Count * PanelHeight + 10;
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(Width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(Width)} {N(height)}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        sb.Append($"<title>{Escape(chart.Title)}</title>\n");
        sb.Append($"<rect x=\"0\" y=\"0\" width=\"{N(Width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
        sb.Append($"<text x=\"{N(Width / 2)}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Escape(chart.Title)}</text>\n");
        for (int p = 0; p < chart.Panels.Count; p++)
        {
            RenderPanel(sb, chart.Panels[p], chart.Unit, TitleHeight + p * PanelHeight);
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void RenderPanel(StringBuilder sb, TrendPanel panel, string unit, double top)
    {
        IReadOnlyList<TrendPoint> points = panel.Points;
        double plotTop = top + PlotTop;
        double plotBottom = plotTop + PlotHeight;
        double plotRight = Width - Right;
        sb.Append("<g>\n");
        sb.Append($"<text x=\"{N(Left)}\" y=\"{N(top + 16)}\" font-size=\"12\" font-weight=\"bold\">{Escape(panel.Label)}</text>\n");
        (double lo, double hi) = Range(points);
        double X(int i) => points.Count == 1 ? (Left + plotRight) / 2 : Left + i * (plotRight - Left) / (points.Count - 1);
        double Y(double v) => plotBottom - (v - lo) / (hi - lo) * PlotHeight;

        // Grid and y tick labels.
        for (int t = 0; t <= YTicks; t++)
        {
            double v = lo + t * (hi - lo) / YTicks;
            double y = Y(v);
            sb.Append($"<line x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(plotRight)}\" y2=\"{N(y)}\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>\n");
            sb.Append($"<text x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{Escape(NumberText.Nanoseconds(v))}</text>\n");
        }

        sb.Append($"<line x1=\"{N(Left)}\" y1=\"{N(plotTop)}\" x2=\"{N(Left)}\" y2=\"{N(plotBottom)}\" stroke=\"#333333\" stroke-width=\"1\"/>\n");
        sb.Append($"<line x1=\"{N(Left)}\" y1=\"{N(plotBottom)}\" x2=\"{N(plotRight)}\" y2=\"{N(plotBottom)}\" stroke=\"#333333\" stroke-width=\"1\"/>\n");
        double unitY = (plotTop + plotBottom) / 2;
        sb.Append($"<text x=\"16\" y=\"{N(unitY)}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {N(unitY)})\">{Escape(unit)}</text>\n");
        if (points.Count == 0)
        {
            sb.Append($"<text x=\"{N((Left + plotRight) / 2)}\" y=\"{N(unitY)}\" text-anchor=\"middle\">no data</text>\n</g>\n");
            return;
        }

        // Min-max band: along the minima left to right, back along the maxima.
        var band = new StringBuilder();
        for (int i = 0; i < points.Count; i++)
        {
            band.Append($"{N(X(i))},{N(Y(points[i].MinNs))} ");
        }

        for (int i = points.Count - 1; i >= 0; i--)
        {
            band.Append($"{N(X(i))},{N(Y(points[i].MaxNs))} ");
        }

        sb.Append($"<polygon points=\"{band.ToString().TrimEnd()}\" fill=\"#9ecae1\" fill-opacity=\"0.45\" stroke=\"none\"/>\n");
        var line = new StringBuilder();
        for (int i = 0; i < points.Count; i++)
        {
            line.Append($"{N(X(i))},{N(Y(points[i].MedianNs))} ");
        }

        sb.Append($"<polyline points=\"{line.ToString().TrimEnd()}\" fill=\"none\" stroke=\"#08519c\" stroke-width=\"1.5\"/>\n");
        // Past a few hundred commits the dots merge into the line and only weigh the file down.
        for (int i = 0; i < points.Count && points.Count <= MaxDots; i++)
        {
            sb.Append($"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(points[i].MedianNs))}\" r=\"2.5\" fill=\"#08519c\"/>\n");
        }

        // A change point sits between its index (last old point) and the next point.
        var labelled = new HashSet<int>();
        foreach (ChangePoint cp in panel.ChangePoints)
        {
            if (cp.Index < 0 || cp.Index + 1 >= points.Count)
            {
                continue;
            }

            labelled.Add(cp.Index + 1);
            double x = (X(cp.Index) + X(cp.Index + 1)) / 2;
            string color = cp.Confirmed ? "#d62728" : "#999999";
            string text = cp.Confirmed ? NumberText.Delta(cp.Ratio) : NumberText.Delta(cp.Ratio) + "?";
            sb.Append($"<line x1=\"{N(x)}\" y1=\"{N(plotTop)}\" x2=\"{N(x)}\" y2=\"{N(plotBottom)}\" stroke=\"{color}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n");
            sb.Append($"<text x=\"{N(x + 3)}\" y=\"{N(plotTop + 10)}\" fill=\"{color}\">{Escape(text)}</text>\n");
        }

        int every = (points.Count + MaxLabels - 1) / MaxLabels;
        for (int i = 0; i < points.Count; i++)
        {
            if (i % every != 0 && !labelled.Contains(i))
            {
                continue;
            }

            double x = X(i);
            double y = plotBottom + 12;
            sb.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"end\" font-size=\"9\" transform=\"rotate(-45 {N(x)} {N(y)})\">{Escape(points[i].Commit)}</text>\n");
        }

        sb.Append("</g>\n");
    }

    private static (double Lo, double Hi) Range(IReadOnlyList<TrendPoint> points)
    {
        double lo = double.PositiveInfinity;
        double hi = double.NegativeInfinity;
        foreach (TrendPoint p in points)
        {
            lo = Math.Min(lo, Math.Min(p.MinNs, p.MedianNs));
            hi = Math.Max(hi, Math.Max(p.MaxNs, p.MedianNs));
        }

        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            return (0, 1);
        }

        double pad = hi > lo ? (hi - lo) * 0.05 : Math.Max(Math.Abs(hi) * 0.05, 1);
        return (Math.Max(0, lo - pad), hi + pad);
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    // XML 1.0 forbids most control characters even when escaped.
                    sb.Append(ch < ' ' && ch is not '\t' and not '\n' and not '\r' ? '?' : ch);
                    break;
            }
        }

        return sb.ToString();
    }
}
