using System.Text.Json;
using NestedVirt.Harness.Cli;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
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
        var measured = new List<(BenchmarkReport Report, double[] Samples, string? BaselineId)>();
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
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
                double[] values = samples.ToArray();
                measured.Add((report, values, BaselineOf(summary, report.BenchmarkCase)));
                medians[BenchmarkIds.Of(report.BenchmarkCase)] = SampleMedian.Of(values);
            }
        }

        var results = new List<BenchmarkResult>();
        foreach (var (report, values, baselineId) in measured)
        {
            var parameters = BenchmarkIds.Parameters(report.BenchmarkCase);
            var counters = CounterProbe.PerOperation(report.BenchmarkCase);
            string id = BenchmarkIds.Of(report.BenchmarkCase);
            results.Add(new BenchmarkResult
            {
                Id = id,
                Suite = report.BenchmarkCase.Descriptor.Type.Name,
                Method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                Parameters = parameters,
                Categories = [.. report.BenchmarkCase.Descriptor.Categories],
                SamplesNs = values,
                MedianNs = medians[id],
                MeanNs = values.Average(),
                AllocatedBytesPerOp = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                Counters = counters is null ? [] : new Dictionary<string, double>(counters),
                ModelledNs = counters is null ? null : costTable.Apply(counters),
                BaselineId = baselineId,
                RatioToBaseline = BaselineRatio.Of(medians[id], baselineId, medians),
            });
        }
        return results;
    }

    /// <summary>The id of the suite's baseline method with the same parameters, or null (also for the baseline itself).</summary>
    private static string? BaselineOf(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Baseline)
            return null;
        foreach (BenchmarkCase other in summary.BenchmarksCases)
        {
            if (other.Descriptor.Baseline && other.Descriptor.Type == benchmarkCase.Descriptor.Type
                && other.Parameters.ValueInfo == benchmarkCase.Parameters.ValueInfo)
                return BenchmarkIds.Of(other);
        }
        return null;
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
