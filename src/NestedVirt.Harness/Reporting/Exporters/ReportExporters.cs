namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>The exporters a comparing verb's <c>--format</c> chooses from.</summary>
public static class ReportExporters
{
    /// <summary>The exporter of a format.</summary>
    /// <param name="format">Text, Markdown or JSON.</param>
    public static IReportExporter For(ReportFormat format) => format switch
    {
        ReportFormat.Text => new ComparisonTextExporter(),
        ReportFormat.Markdown => new MarkdownExporter(),
        ReportFormat.Json => new ComparisonJsonExporter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Writes <paramref name="model"/> with the exporter of <paramref name="format"/>.</summary>
    /// <param name="model">The comparison.</param>
    /// <param name="format">Text, Markdown or JSON.</param>
    /// <param name="writer">Destination.</param>
    public static void Write(ReportModel model, ReportFormat format, TextWriter writer) => For(format).Export(model, writer);

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
