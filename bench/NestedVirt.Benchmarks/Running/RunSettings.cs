namespace NestedVirt.Benchmarks.Running;

/// <summary>What a <c>run</c> measures and how: the job, the toolchain and the optional diagnosers.</summary>
/// <param name="Mode">Quick, full or dry.</param>
/// <param name="Toolchain">In or out of process.</param>
/// <param name="Disassembly">Add BenchmarkDotNet's DisassemblyDiagnoser (out of process only).</param>
/// <param name="Profile">Add BenchmarkDotNet's EventPipeProfiler (out of process only).</param>
public sealed record RunSettings(RunMode Mode, RunToolchain Toolchain, bool Disassembly = false, bool Profile = false)
{
    /// <summary>The defaults for <paramref name="mode"/>: the toolchain of <see cref="RunToolchainNames.DefaultFor"/>, no diagnosers.</summary>
    public static RunSettings For(RunMode mode) => new(mode, RunToolchainNames.DefaultFor(mode));
}
