using NestedVirt.Harness.Processes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Drivers;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Gate;
using NestedVirt.Harness.Instructions;

namespace NestedVirt.Benchmarks.Gate;

/// <summary>
/// The gate's measurements from the real suites: model counters of every headline case of
/// <see cref="SuiteCatalog"/> exactly as results files get them (<see cref="CounterProbe"/>), and
/// the exact instruction counts of the <see cref="HotPathCatalog"/> hot paths and of every
/// headline case, counted in one callgrind process (<see cref="IcountOptions.OneProcess"/>) with
/// the JIT's instruction sets pinned (so the gate compares them on any x86-64 CPU).
/// </summary>
public sealed class SuiteGateSource : IGateSource
{
    /// <inheritdoc/>
    public GateBaseline Measure(bool countInstructions, long iterations, string repositoryRoot, TextWriter progress)
    {
        var counters = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        IConfig config = ManualConfig.CreateEmpty();
        foreach (Type suite in SuiteCatalog.Suites)
        {
            foreach (BenchmarkCase benchmarkCase in BenchmarkConverter.TypeToBenchmarks(suite, config).BenchmarksCases)
            {
                if (!SuiteCatalog.IsHeadline(benchmarkCase) || CounterProbe.PerOperation(benchmarkCase) is not { } perOp)
                    continue;
                counters[BenchmarkIds.Of(benchmarkCase)] = new SortedDictionary<string, double>(perOp.ToDictionary(), StringComparer.Ordinal);
            }
        }
        progress.WriteLine($"gate: counters of {counters.Count} headline case(s) measured");

        var instructions = new SortedDictionary<string, double>(StringComparer.Ordinal);
        string? note = countInstructions ? null : "not asked for";
        long counted = 0;
        string? setup = null;
        if (countInstructions)
        {
            // The hot paths and every headline case, all in one callgrind process (drive --marked).
            string[] ids = [.. HotPathCatalog.Ids, .. BenchmarkCaseHotPath.HeadlineIds.Except(HotPathCatalog.Ids, StringComparer.Ordinal)];
            var runner = new IcountRunner(SystemProcessRunner.Instance, ExecutableLocator.Find, DriverLauncher.ForCurrentProcess(), progress);
            IcountReport report = runner.Run(new IcountOptions
            {
                HotPathIds = ids,
                Iterations = iterations,
                OneProcess = true,
                OperationsPerIteration = HotPathCatalog.OperationsPerIteration,
            });
            note = report.Skipped;
            foreach (IcountSample sample in report.Samples)
                instructions[sample.Id] = sample.InstructionsPerOp;
            counted = report.Skipped is null ? iterations : 0;
            setup = report.Skipped is null ? InstructionSetup.Of(report.Runtime, iterations, ids) : null;
        }

        return new GateBaseline
        {
            Runtime = InstructionMachine.Runtime,
            Cpu = InstructionMachine.Cpu,
            Isa = InstructionMachine.Isa,
            InstructionIterations = counted,
            InstructionSetup = setup,
            Counters = counters,
            Instructions = instructions,
            InstructionsNote = note,
        };
    }
}
