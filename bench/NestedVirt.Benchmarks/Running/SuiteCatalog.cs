using System.Reflection;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Exits;
#if NESTED_VIRT
using NestedVirt.Benchmarks.Relay;
#endif
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
using NestedVirt.Benchmarks.Checks;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.X86;
#endif

namespace NestedVirt.Benchmarks.Running;

/// <summary>Every benchmark suite, in the order runs and listings show them.</summary>
public static class SuiteCatalog
{
    /// <summary>The suite classes this build has (build/NestedVirt.Features.props).</summary>
    public static IReadOnlyList<Type> Suites { get; } =
    [
#if NESTED_VIRT
        typeof(RelayVsReflection),
#endif
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        typeof(NestedWalk),
        typeof(WalkerSpecialisation),
        typeof(WalkVsC),
        typeof(Decode),
#endif
#if NESTED_VIRT && INTEL_VMX
        typeof(ExitDispatch),
#endif
#if NESTED_VIRT
        typeof(ExitRouting),
#endif
        typeof(NonNestedExit),
    ];

    /// <summary>
    /// The suites <c>run</c> measures: <see cref="Suites"/>, plus the allocation check's planted
    /// case when <c>NVBENCH_PLANT_ALLOCATION=1</c> asks for it (a build with the nested walkers:
    /// the planted case walks EPT).
    /// </summary>
    public static IReadOnlyList<Type> RunnableSuites =>
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        PlantedAllocation.Requested ? [.. Suites, typeof(PlantedAllocation)] : Suites;
#else
        Suites;
#endif

    /// <summary>True when <paramref name="benchmarkCase"/> is one of its suite's headline cases.</summary>
    public static bool IsHeadline(BenchmarkCase benchmarkCase)
    {
        MethodInfo? predicate = benchmarkCase.Descriptor.Type.GetMethod(
            nameof(IHeadlineSuite.IsHeadline), BindingFlags.Public | BindingFlags.Static);
        return predicate is null || (bool)predicate.Invoke(null, [benchmarkCase.Parameters])!;
    }
}
