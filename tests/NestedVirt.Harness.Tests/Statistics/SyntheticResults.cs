using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Tests.Statistics;

/// <summary>Deterministic synthetic samples and envelopes for the statistics, reporting and command tests.</summary>
internal static class SyntheticResults
{
    /// <summary>
    /// <paramref name="count"/> values around <paramref name="center"/> with a fixed +-1% pattern
    /// (factors 0.99, 0.995, 1, 1.005, 1.01 in a scrambled order), so the median is exactly
    /// <paramref name="center"/> when count is a multiple of 5.
    /// </summary>
    public static double[] Samples(double center, int count, int phase = 0)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = center * (1 + ((((i + phase) * 7) % 5) - 2) * 0.005);
        }

        return values;
    }

    /// <summary>The setup <see cref="CountedRun"/> stores: one synthetic case, N = 50,000.</summary>
    public static readonly string CountedSetup = NestedVirt.Harness.Instructions.InstructionSetup.Of(".NET 10.0.12", 50_000, ["synthetic/walk"]);

    /// <summary>A run of one synthetic walk whose exact instruction count over 50,000 operations is <paramref name="instructions"/>.</summary>
    public static ResultsEnvelope CountedRun(string commit, long instructions, string? setup = null)
    {
        ResultsEnvelope envelope = Envelope(commit, [Simple("Walk", Samples(50, 15))]);
        envelope.InstructionCounts.Add(new InstructionCount
        {
            Id = "synthetic/walk",
            Iterations = 50_000,
            Instructions = instructions,
            InstructionsPerOp = instructions / 50_000.0,
            Setup = setup ?? CountedSetup,
        });
        return envelope;
    }

    public static BenchmarkResult Result(string suite, string method, IReadOnlyDictionary<string, string> parameters, double[] samples, IReadOnlyDictionary<string, double>? counters = null)
    {
        return new BenchmarkResult
        {
            Id = BenchmarkName.Of(suite, method, parameters),
            Suite = suite,
            Method = method,
            Parameters = new Dictionary<string, string>(parameters),
            SamplesNs = samples,
            MedianNs = samples.Length == 0 ? 0 : samples.Order().ElementAt(samples.Length / 2),
            MeanNs = samples.Length == 0 ? 0 : samples.Average(),
            Counters = counters is null ? [] : new Dictionary<string, double>(counters),
        };
    }

    public static BenchmarkResult Simple(string name, double[] samples, IReadOnlyDictionary<string, double>? counters = null) =>
        Result("Synthetic", name, new Dictionary<string, string>(), samples, counters);

    /// <summary>An envelope; <paramref name="commit"/> is the short commit, padded with zeros to a full one unless <paramref name="fullCommit"/> is given.</summary>
    public static ResultsEnvelope Envelope(
        string commit, IEnumerable<BenchmarkResult> benchmarks, string machineId = "machine-1", bool dirty = false, DateTimeOffset? timestamp = null, string? fullCommit = null) =>
        new()
        {
            HarnessVersion = "nvbench 0.1.0",
            TimestampUtc = timestamp ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Git = new GitInfo { Commit = fullCommit ?? commit.PadRight(40, '0'), ShortCommit = commit, Branch = "main", Dirty = dirty },
            MachineId = machineId,
            Machine = new MachineInfo
            {
                CpuModel = "AMD EPYC 7763 64-Core Processor",
                LogicalCores = 2,
                Kernel = "6.1.0-18-amd64",
                Os = "Debian GNU/Linux 12",
                Runtime = ".NET 10.0.12",
                Virtualization = "vm",
                Hypervisor = "KVM",
                KvmPresent = false,
            },
            State = new MachineState { Governor = null, Turbo = null, Smt = null, IsolatedCpus = "", Aslr = 2, LoadAverage1 = 0.15 },
            Job = "full",
            Command = "nvbench run --job full",
            Benchmarks = [.. benchmarks],
        };
}
