namespace NestedVirt.Harness.Reporting.Exporters;

/// <summary>
/// One output of the reporting pipeline, shaped like BenchmarkDotNet's <c>IExporter</c>: a
/// name, a file extension, and a writer over the one <see cref="ReportModel"/>. Every report
/// nvbench prints or writes is one of these, pinned by an approval file in the tests.
/// </summary>
public interface IReportExporter
{
    /// <summary>The name <c>--format</c> and <c>export --format</c> use (<c>text</c>, <c>markdown</c>, ...).</summary>
    string Name { get; }

    /// <summary>Extension of a file this exporter writes, without the dot.</summary>
    string FileExtension { get; }

    /// <summary>Writes the report of <paramref name="model"/>.</summary>
    /// <param name="model">The run or comparison.</param>
    /// <param name="writer">Destination; lines end in <c>\n</c>.</param>
    void Export(ReportModel model, TextWriter writer);
}
