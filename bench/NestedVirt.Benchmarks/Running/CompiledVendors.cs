using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The vendors this build's core contains (build/NestedVirt.Features.props): the values of every
/// suite's <c>Vendor</c> parameter, so a build without VMX or SVM has no cases for it.
/// </summary>
public static class CompiledVendors
{
    /// <summary>Intel (VMX) then AMD (SVM), each when compiled in.</summary>
    public static IReadOnlyList<CpuVendor> All { get; } =
        [.. new[] { CpuVendor.Intel, CpuVendor.Amd }.Where(NestedVirtBuild.Has)];

    /// <summary>The first compiled vendor: a suite's default before BenchmarkDotNet sets it.</summary>
    public static CpuVendor First => All[0];
}
