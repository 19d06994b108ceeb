using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Paging.Native;
#endif

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The benchmark cases that run C code (<see cref="WalkVsC.C"/>). Without <c>libnvwalk</c> (no C
/// compiler when nvbench was built) they are left out of the run with one line; the rest runs.
/// A build without the nested walkers (build/NestedVirt.Features.props) has no C cases at all.
/// </summary>
public static class NativeCases
{
    /// <summary>True for a case that calls the C reference walkers.</summary>
    public static bool IsNative(BenchmarkCase benchmarkCase) =>
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        benchmarkCase.Descriptor.Type == typeof(WalkVsC) && benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(WalkVsC.C);
#else
        benchmarkCase is null && false;
#endif

    /// <summary>Why the C cases cannot run on this build, or null when they can.</summary>
    public static string? SkipReason =>
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        NativeWalkers.SkipReason;
#else
        "this build has no nested walkers to compare with C";
#endif

    /// <summary>True (with the one line to print) when <paramref name="selected"/> holds C cases that cannot run.</summary>
    public static bool MustSkip(IEnumerable<BenchmarkCase> selected, out string? note)
    {
        note = SkipReason is string reason && selected.Any(IsNative) ? $"C reference cases skipped: {reason}" : null;
        return note is not null;
    }

    /// <summary><paramref name="config"/> with the C cases filtered out.</summary>
    public static IConfig Without(IConfig config) =>
        ManualConfig.Create(config).AddFilter(new SimpleFilter(c => !IsNative(c)));
}
