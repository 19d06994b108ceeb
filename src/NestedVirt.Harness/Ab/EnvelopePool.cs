using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Ab;

/// <summary>Pools several runs of the same build into one envelope (samples concatenated per benchmark).</summary>
public static class EnvelopePool
{
    /// <summary>
    /// Returns an envelope with every benchmark's samples from all <paramref name="runs"/>, in
    /// order of first appearance; everything else (machine, git, counters) comes from the first
    /// run where the benchmark appears. The job becomes <c>ab</c>.
    /// </summary>
    /// <param name="runs">At least one run.</param>
    public static ResultsEnvelope Pool(IReadOnlyList<ResultsEnvelope> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("nothing to pool", nameof(runs));
        }

        var order = new List<string>();
        var first = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (ResultsEnvelope run in runs)
        {
            foreach (BenchmarkResult b in run.Benchmarks)
            {
                if (first.TryAdd(b.Id, b))
                {
                    order.Add(b.Id);
                    samples[b.Id] = [];
                }

                samples[b.Id].AddRange(b.SamplesNs);
            }
        }

        var pooled = new List<BenchmarkResult>(order.Count);
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string id in order)
        {
            double[] all = [.. samples[id]];
            medians[id] = all.Length > 0 ? SampleMedian.Of(all) : first[id].MedianNs;
        }

        foreach (string id in order)
        {
            BenchmarkResult b = first[id];
            double[] all = [.. samples[id]];
            pooled.Add(new BenchmarkResult
            {
                Id = b.Id,
                Suite = b.Suite,
                Method = b.Method,
                Parameters = b.Parameters,
                Categories = b.Categories,
                SamplesNs = all,
                MedianNs = medians[id],
                MeanNs = all.Length > 0 ? all.Average() : b.MeanNs,
                AllocatedBytesPerOp = b.AllocatedBytesPerOp,
                Counters = b.Counters,
                ModelledNs = b.ModelledNs,
                BaselineId = b.BaselineId,
                RatioToBaseline = BaselineRatio.Of(medians[id], b.BaselineId, medians),
            });
        }

        ResultsEnvelope head = runs[0];
        return new ResultsEnvelope
        {
            SchemaVersion = head.SchemaVersion,
            HarnessVersion = head.HarnessVersion,
            TimestampUtc = head.TimestampUtc,
            Git = head.Git,
            MachineId = head.MachineId,
            Machine = head.Machine,
            State = head.State,
            Job = "ab",
            Toolchain = head.Toolchain,
            BenchmarkDotNetVersion = head.BenchmarkDotNetVersion,
            Command = head.Command,
            CostTable = head.CostTable,
            Benchmarks = pooled,
            InstructionCounts = head.InstructionCounts,
        };
    }
}
