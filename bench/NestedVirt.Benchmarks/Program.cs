using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Harness.Model;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        var mode = args.Contains("--dry") ? RunMode.Dry : RunMode.Quick;
        string artifacts = Path.Combine(Path.GetTempPath(), "nvbench-" + Guid.NewGuid().ToString("N"));
        using var logger = new ProgressLogger(Console.Error, Path.Combine(Path.GetTempPath(), "nvbench.log"), 0);
        var config = HarnessConfig.Create(mode, artifacts, CostTable.Published, null, logger);
        var summaries = BenchmarkRunner.Run(SuiteCatalog.Suites.ToArray(), config);
        var env = new ResultsEnvelope { Benchmarks = ResultsConverter.Convert(summaries, CostTable.Published), CostTable = CostTable.Published.ToInfo() };
        Console.WriteLine(RunSummary.Format(env));
        foreach (var b in env.Benchmarks) Console.WriteLine($"{b.Id} {b.MedianNs:0.0} n={b.SamplesNs.Length} alloc={b.AllocatedBytesPerOp}");
        return 0;
    }
}
