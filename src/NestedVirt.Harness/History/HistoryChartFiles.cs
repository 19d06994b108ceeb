using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Processes;
using NestedVirt.Harness.Reporting;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.History;

/// <summary>
/// The chart files of a history: per suite an SVG (<see cref="SvgTrendChart"/>) and a PNG of
/// that same SVG, by <c>rsvg-convert</c> when it is installed, else by
/// <see cref="PngTrendChart"/> in process.
/// </summary>
public static class HistoryChartFiles
{
    /// <summary>Writes the charts of <paramref name="report"/> and one "svg:"/"png:" line per file.</summary>
    /// <param name="report">The history.</param>
    /// <param name="svgDir">Folder of the charts (created).</param>
    /// <param name="output">Where the file lines go.</param>
    /// <param name="png">False for SVG only (<c>--no-png</c>).</param>
    /// <param name="rsvgConvert">The path of <c>rsvg-convert</c>, or null to draw PNGs in process.</param>
    /// <param name="processes">Runs <c>rsvg-convert</c>.</param>
    /// <exception cref="HarnessException">A chart cannot be written.</exception>
    public static void Write(HistoryReport report, string svgDir, TextWriter output, bool png, string? rsvgConvert, IProcessRunner processes)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(processes);
        IReadOnlyList<(string Suite, TrendChart Chart)> charts = HistoryCharts.Build(report);
        if (charts.Count == 0)
        {
            output.Write("no charts: no benchmark with samples\n");
            return;
        }

        // rsvg-convert when installed (as before); otherwise our own rasteriser, which draws
        // the same SVG, so there is a PNG whatever is on PATH.
        string? rsvg = png ? rsvgConvert : null;
        string? pngSkipped = png ? null : "--no-png";
        foreach ((string suite, TrendChart chart) in charts)
        {
            string svg = Path.Combine(svgDir, FileName(suite) + ".svg");
            string document = SvgTrendChart.Render(chart);
            WriteChart(svg, document);
            output.Write($"svg: {svg}\n");
            if (pngSkipped is not null)
            {
                continue;
            }

            string pngPath = Path.ChangeExtension(svg, ".png");
            if (rsvg is not null)
            {
                ProcessResult result = processes.Run(rsvg, ["-w", "760", "-o", pngPath, svg], svgDir, CancellationToken.None);
                output.Write(result.Succeeded ? $"png: {pngPath}\n" : $"png: rsvg-convert failed for {svg} (exit code {result.ExitCode})\n");
                continue;
            }

            try
            {
                WriteChart(pngPath, PngTrendChart.Render(document));
                output.Write($"png: {pngPath}\n");
            }
            catch (PngUnavailableException e)
            {
                pngSkipped = e.Message + "; install rsvg-convert (Debian package librsvg2-bin) for PNGs";
            }
        }

        if (pngSkipped is not null)
        {
            output.Write($"png: skipped ({pngSkipped})\n");
        }
    }

    private static void WriteChart(string path, string svg) => WriteChart(path, ResultsJson.Utf8.GetBytes(svg));

    private static void WriteChart(string path, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write chart '{path}': {e.Message}", innerException: e);
        }
    }

    private static string FileName(string suite)
    {
        char[] chars = suite.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '-' or '_' or '.'))
            {
                chars[i] = '_';
            }
        }

        return chars.Length == 0 ? "suite" : new string(chars);
    }
}
