using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Tests.Reporting;

public sealed partial class SvgTrendChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static TrendChart Chart()
    {
        var points = new List<TrendPoint>();
        for (int i = 0; i < 12; i++)
        {
            double median = i < 6 ? 12.5 : 15.25;
            points.Add(new TrendPoint($"c{i:x2}", median * 0.97, median, median * 1.04));
        }

        var shift = new ChangePoint(5, "c06", ComparisonVerdict.Slower, 12.5, 15.25, 1.22);
        var panel = new TrendPanel("walk/ept/levels4 & <4k>", points, [shift]);
        return new TrendChart("NestedWalk on m1: median per commit", "ns/op", [panel, panel with { Label = "second", ChangePoints = [] }]);
    }

    [Fact]
    public void SvgIsWellFormedXmlWithBandMedianAndChangePoint()
    {
        XDocument doc = XDocument.Parse(SvgTrendChart.Render(Chart()));

        Assert.Equal(Svg + "svg", doc.Root!.Name);
        Assert.Equal(2, doc.Descendants(Svg + "polyline").Count());
        Assert.Equal(2, doc.Descendants(Svg + "polygon").Count());
        Assert.Equal(24, doc.Descendants(Svg + "circle").Count());
        Assert.Contains(doc.Descendants(Svg + "line"), l => (string?)l.Attribute("stroke-dasharray") is not null);
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "+22.0%");
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "walk/ept/levels4 & <4k>");
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "ns/op");
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "c06");
    }

    [Fact]
    public void SvgNumbersUseDotDecimalsUnderACommaCulture()
    {
        string svg;
        using (CommaCulture.Use())
        {
            svg = SvgTrendChart.Render(Chart());
        }

        XDocument doc = XDocument.Parse(svg);
        string[] numeric = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"];
        int checkedCount = 0;
        foreach (XAttribute a in doc.Descendants().Attributes().Where(a => numeric.Contains(a.Name.LocalName)))
        {
            Assert.Matches(NumberPattern(), a.Value);
            Assert.True(double.TryParse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), a.Value);
            checkedCount++;
        }

        foreach (XAttribute a in doc.Descendants().Attributes("points"))
        {
            Assert.Matches(PointsPattern(), a.Value);
            checkedCount++;
        }

        Assert.True(checkedCount > 50);

        // The y tick labels are numbers too: 12.5 must not become 12,5.
        Assert.DoesNotContain(doc.Descendants(Svg + "text"), t => Regex.IsMatch(t.Value, "^[0-9]+,[0-9]+$"));
        Assert.Contains(doc.Descendants(Svg + "text"), t => Regex.IsMatch(t.Value, @"^[0-9]+\.[0-9]$"));
    }

    [Fact]
    public void EmptyPanelStillRenders()
    {
        XDocument doc = XDocument.Parse(SvgTrendChart.Render(new TrendChart("t", "ns/op", [new TrendPanel("p", [], [])])));

        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "no data");
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?,-?[0-9]+(\.[0-9]+)?( -?[0-9]+(\.[0-9]+)?,-?[0-9]+(\.[0-9]+)?)*$")]
    private static partial Regex PointsPattern();
}
