using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Reporting;

/// <summary>Writes a comparison in the requested <see cref="ReportFormat"/>.</summary>
public static class ComparisonWriter
{
    /// <summary>Writes <paramref name="report"/> as <paramref name="format"/>.</summary>
    /// <param name="report">The comparison.</param>
    /// <param name="format">Text, Markdown or JSON.</param>
    /// <param name="writer">Destination.</param>
    public static void Write(ComparisonReport report, ReportFormat format, TextWriter writer)
    {
        switch (format)
        {
            case ReportFormat.Text:
                ComparisonTextWriter.Write(report, writer);
                break;
            case ReportFormat.Markdown:
                ComparisonMarkdownWriter.Write(report, writer);
                break;
            case ReportFormat.Json:
                ComparisonJsonWriter.Write(report, writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>Parses <c>text</c>, <c>md</c> (or <c>markdown</c>) and <c>json</c>.</summary>
    /// <param name="text">The option value.</param>
    /// <param name="format">The format when recognised.</param>
    public static bool TryParseFormat(string text, out ReportFormat format)
    {
        switch (text)
        {
            case "text":
                format = ReportFormat.Text;
                return true;
            case "md":
            case "markdown":
                format = ReportFormat.Markdown;
                return true;
            case "json":
                format = ReportFormat.Json;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
