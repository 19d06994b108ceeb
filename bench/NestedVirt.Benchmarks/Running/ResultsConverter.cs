using System.Text.Json;
using NestedVirt.Harness.Cli;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Reports;
using NestedVirt.Harness.Model;
using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Turns BenchmarkDotNet summaries into the flattened <see cref="BenchmarkResult"/>s our results
/// files carry, and collects BenchmarkDotNet's own full JSON reports to store unmodified.
/// </summary>
public static class ResultsConverter
{
    /// <summary>One result per benchmark case that produced measurements.</summary>
    public static List<BenchmarkResult> Convert(IEnumerable<Summary> summaries, CostTable costTable)
    {
        var results = new List<BenchmarkResult>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                var samples = new List<double>();
                foreach (Measurement m in report.AllMeasurements)
                {
                    if (m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Result && m.Operations > 0)
                        samples.Add(m.Nanoseconds / m.Operations);
                }
                if (samples.Count == 0)
                    continue;

                var parameters = BenchmarkIds.Parameters(report.BenchmarkCase);
                var counters = CounterProbe.PerOperation(report.BenchmarkCase);
                double[] values = samples.ToArray();
                results.Add(new BenchmarkResult
                {
                    Id = BenchmarkIds.Of(report.BenchmarkCase),
                    Suite = report.BenchmarkCase.Descriptor.Type.Name,
                    Method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    Parameters = parameters,
                    Categories = [.. report.BenchmarkCase.Descriptor.Categories],
                    SamplesNs = values,
                    MedianNs = SampleMedian.Of(values),
                    MeanNs = values.Average(),
                    AllocatedBytesPerOp = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                    Counters = counters is null ? [] : new Dictionary<string, double>(counters),
                    ModelledNs = counters is null ? null : costTable.Apply(counters),
                });
            }
        }
        return results;
    }

    /// <summary>
    /// BenchmarkDotNet's full JSON report of each summary, read from the file its exporter wrote
    /// (so a reused <c>--artifacts</c> folder never mixes in another run's reports).
    /// </summary>
    public static List<JsonElement> ReadFullJsonReports(IEnumerable<Summary> summaries)
    {
        var reports = new List<JsonElement>();
        foreach (Summary summary in summaries)
        {
            string file = ((ExporterBase)JsonExporter.Full).GetArtifactFullName(summary);
            if (!File.Exists(file))
                continue;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                reports.Add(document.RootElement.Clone());
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                // Another writer in the same artifacts folder, or a full disk: a bad report is
                // named, never a stack trace (issue 11).
                throw new HarnessException($"BenchmarkDotNet's report '{file}' cannot be read: {HarnessException.OneLine(e.Message)}", innerException: e);
            }
        }
        return reports;
    }
}
