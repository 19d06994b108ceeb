using BenchmarkDotNet.Diagnosers;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The optional diagnosers of <c>run --disasm</c> and <c>run --profile</c>, configured once.
/// Both need the out-of-process toolchain on .NET 10 (in-process the disassembler crashes the
/// process and the EventPipe session hangs); <c>run</c> refuses them with <c>--in-process</c>.
/// </summary>
public static class DiagnoserFactory
{
    /// <summary>
    /// The JIT's code of each benchmark and of the core methods it calls (depth 3 reaches the
    /// walker's per-level loop from <c>NestedWalk.Walk</c>), as GitHub markdown per suite.
    /// </summary>
    public static IDiagnoser Disassembly() => new DisassemblyDiagnoser(new DisassemblyDiagnoserConfig(
        maxDepth: 3, syntax: DisassemblySyntax.Intel, exportGithubMarkdown: true, exportCombinedDisassemblyReport: false));

    /// <summary>
    /// A CPU-sampling EventPipe trace (<c>.nettrace</c>, plus BenchmarkDotNet's speedscope
    /// conversion) per benchmark, taken in an extra run so the measured iterations are untraced.
    /// </summary>
    public static IDiagnoser Profiler() => new EventPipeProfiler(EventPipeProfile.CpuSampling, performExtraBenchmarksRun: true);
}
