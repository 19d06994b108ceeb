using NestedVirt.Harness.Results;
using NestedVirt.Harness.Statistics;

namespace NestedVirt.Harness.Synthetic;

/// <summary>One run of a synthetic history: the template with new identity and redrawn samples.</summary>
internal static class SyntheticRun
{
    private const double SampleNoise = 0.01;
    private const double RunNoise = 0.004;
    private const double OutlierRate = 0.05;

    /// <summary>The run of machine <paramref name="m"/> at commit <paramref name="i"/>.</summary>
    public static ResultsEnvelope Create(
        ResultsEnvelope template, (string Id, MachineInfo Info, double Speed) machine, int m, int i, string commit,
        IReadOnlyList<PlantedShift> planted, SyntheticHistoryOptions options)
    {
        // One generator per run, seeded from (seed, machine, commit): runs can be written in
        // any order, in parallel, and still come out byte-identical.
        var random = new Random(unchecked((options.Seed * 1_000_003) + (m * 100_003) + i));
        double runLevel = 1 + (RunNoise * Gaussian(random));
        var benchmarks = new List<BenchmarkResult>(template.Benchmarks.Count);
        foreach (BenchmarkResult b in template.Benchmarks)
        {
            double level = b.MedianNs * machine.Speed * runLevel * Shift(planted, b.Id, machine.Id, i);
            int count = Math.Max(b.SamplesNs.Length, 1);
            double[] samples = new double[count];
            for (int s = 0; s < count; s++)
            {
                double outlier = random.NextDouble() < OutlierRate ? 1.05 + (0.25 * random.NextDouble()) : 1;
                samples[s] = Math.Round(level * (1 + (SampleNoise * Gaussian(random))) * outlier, 3);
            }

            benchmarks.Add(b with { SamplesNs = samples, MedianNs = SampleMedian.Of(samples), MeanNs = samples.Average() });
        }

        return new ResultsEnvelope
        {
            SchemaVersion = template.SchemaVersion,
            HarnessVersion = template.HarnessVersion,
            TimestampUtc = options.Start.AddHours(i).AddMinutes(7 * m),
            Git = new GitInfo { Commit = commit, ShortCommit = commit[..12], Branch = "main", Dirty = false },
            MachineId = machine.Id,
            Machine = machine.Info,
            State = template.State,
            Job = template.Job,
            Command = template.Command,
            CostTable = template.CostTable,
            Benchmarks = benchmarks,
            InstructionCounts = template.InstructionCounts,
        };
    }

    private static double Shift(IReadOnlyList<PlantedShift> planted, string id, string machine, int commit)
    {
        double factor = 1;
        foreach (PlantedShift shift in planted)
        {
            if (commit >= shift.CommitIndex && shift.Machines.Contains(machine) && shift.BenchmarkIds.Contains(id))
            {
                factor *= shift.Ratio;
            }
        }

        return factor;
    }

    // Box-Muller: one standard normal draw from two uniform ones.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
