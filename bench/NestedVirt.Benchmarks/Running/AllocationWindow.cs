using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// How many operations BenchmarkDotNet's allocation measurement must span for the allocation
/// check to mean "this operation allocates". BenchmarkDotNet 0.15 measures allocations with
/// <c>GC.GetTotalAllocatedBytes(precise: true)</c> around one extra run of the job's invocation
/// count (<c>Engine.GetExtraStats</c>): that counts every thread of the process. Right before
/// it, the engine forces a full GC, and each gen-2 GC wakes the finalizer thread to run
/// <c>ArrayPool&lt;T&gt;.Shared</c>'s Gen2GcCallback trim, which allocates a few KiB while the
/// benchmark runs (dotnet/runtime#101536). In the dry job (one invocation) that showed as 1-5
/// B/op on long streams, a different set of cases on each run, while the benchmark thread's own
/// <c>GC.GetAllocatedBytesForCurrentThread</c> stayed flat. Over <see cref="Operations"/>
/// operations that noise (measured at 2-5 KiB) is below 0.1 B/op and rounds to 0, while one
/// byte per operation still reads 1 B/op: the planted-allocation check proves both.
/// </summary>
public static class AllocationWindow
{
    /// <summary>Operations the measurement spans: 8 KiB of foreign allocations stay under 0.125 B/op.</summary>
    public const long Operations = 65_536;

    /// <summary>Invocations of <paramref name="suite"/>'s benchmarks that cover <see cref="Operations"/>.</summary>
    public static int InvocationsFor(Type suite)
    {
        int perInvoke = int.MaxValue;
        foreach (MethodInfo method in suite.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<BenchmarkAttribute>() is { } benchmark)
                perInvoke = Math.Min(perInvoke, Math.Max(1, benchmark.OperationsPerInvoke));
        }
        if (perInvoke == int.MaxValue)
            throw new ArgumentException($"{suite.Name} has no [Benchmark] method", nameof(suite));
        return (int)((Operations + perInvoke - 1) / perInvoke);
    }
}
