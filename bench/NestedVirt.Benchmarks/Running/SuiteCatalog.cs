using System.Reflection;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Checks;
using NestedVirt.Benchmarks.Exits;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Relay;
using NestedVirt.Benchmarks.X86;

namespace NestedVirt.Benchmarks.Running;

/// <summary>Every benchmark suite, in the order runs and listings show them.</summary>
public static class SuiteCatalog
{
    /// <summary>The suite classes.</summary>
    public static IReadOnlyList<Type> Suites { get; } =
    [
        typeof(RelayVsReflection),
        typeof(NestedWalk),
        typeof(WalkerSpecialisation),
        typeof(WalkVsC),
        typeof(Decode),
        typeof(ExitDispatch),
        typeof(ExitRouting),
    ];

    /// <summary>
    /// The suites <c>run</c> measures: <see cref="Suites"/>, plus the allocation check's planted
    /// case when <see cref="PlantedAllocation.EnvironmentVariable"/> asks for it.
    /// </summary>
    public static IReadOnlyList<Type> RunnableSuites =>
        PlantedAllocation.Requested ? [.. Suites, typeof(PlantedAllocation)] : Suites;

    /// <summary>True when <paramref name="benchmarkCase"/> is one of its suite's headline cases.</summary>
    public static bool IsHeadline(BenchmarkCase benchmarkCase)
    {
        MethodInfo? predicate = benchmarkCase.Descriptor.Type.GetMethod(
            nameof(IHeadlineSuite.IsHeadline), BindingFlags.Public | BindingFlags.Static);
        return predicate is null || (bool)predicate.Invoke(null, [benchmarkCase.Parameters])!;
    }
}
