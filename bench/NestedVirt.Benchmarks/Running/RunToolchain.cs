namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Where a run's benchmarks execute. BenchmarkDotNet defaults to one process per benchmark, built
/// from the project, so one case's JIT state, GC heap and finalizer work cannot leak into the
/// next; in-process is faster (no build, no launch) and is what the dry smoke run uses.
/// </summary>
public enum RunToolchain
{
    /// <summary>BenchmarkDotNet's in-process emit toolchain: the harness process runs every case.</summary>
    InProcess,

    /// <summary>BenchmarkDotNet's default: a generated project built from ours, one process per case.</summary>
    OutOfProcess,
}

/// <summary>The names results files and output use for <see cref="RunToolchain"/>.</summary>
public static class RunToolchainNames
{
    /// <summary><c>in-process</c> or <c>out-of-process</c>: the value stored in results files.</summary>
    public static string Name(this RunToolchain toolchain) =>
        toolchain == RunToolchain.InProcess ? "in-process" : "out-of-process";

    /// <summary>The default for a run mode: out of process for measured runs, in process for <c>--dry</c>.</summary>
    public static RunToolchain DefaultFor(RunMode mode) =>
        mode == RunMode.Dry ? RunToolchain.InProcess : RunToolchain.OutOfProcess;
}
