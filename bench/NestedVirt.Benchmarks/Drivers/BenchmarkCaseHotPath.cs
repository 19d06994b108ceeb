using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// Any benchmark case driven by its permanent id (e.g.
/// <c>NestedWalk.Walk(Format=Ept, Levels=4, PageSize=Size4K, Dimension=OneD, Caches=Cold)</c>):
/// the class is created and given the case's parameters and its <c>[GlobalSetup]</c> as
/// BenchmarkDotNet would, the method is called through a typed delegate (no boxing, so nothing
/// is allocated and no GC can run while counting), and one operation is one call divided by
/// the case's <c>OperationsPerInvoke</c>, which the counter applies. This is how
/// <c>icount</c> and the gate count instructions for every headline case.
/// </summary>
public sealed class BenchmarkCaseHotPath : HotPath
{
    private readonly BenchmarkCase benchmarkCase;
    private Func<long, ulong>? loop;
    private Action? setup;

    private BenchmarkCaseHotPath(BenchmarkCase benchmarkCase)
    {
        this.benchmarkCase = benchmarkCase;
        Id = BenchmarkIds.Of(benchmarkCase);
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override string Description => $"benchmark case, {OperationsPerInvoke} operation(s) per call";

    /// <summary>Operations per call of the benchmark method.</summary>
    public int OperationsPerInvoke => benchmarkCase.Descriptor.OperationsPerInvoke;

    /// <summary>The ids of every headline case of <see cref="SuiteCatalog"/>, in catalog order.</summary>
    public static IReadOnlyList<string> HeadlineIds { get; } = [.. HeadlineCases().Select(BenchmarkIds.Of)];

    /// <summary>The case with <paramref name="id"/>, or null when no suite has it.</summary>
    /// <param name="id">A permanent benchmark id.</param>
    public static BenchmarkCaseHotPath? Create(string id)
    {
        IConfig config = ManualConfig.CreateEmpty();
        foreach (Type suite in SuiteCatalog.Suites)
        {
            foreach (BenchmarkCase c in BenchmarkConverter.TypeToBenchmarks(suite, config).BenchmarksCases)
            {
                if (BenchmarkIds.Of(c) == id)
                    return new BenchmarkCaseHotPath(c);
            }
        }
        return null;
    }

    /// <inheritdoc/>
    public override void Bind()
    {
        if (loop is not null)
            return;
        Type type = benchmarkCase.Descriptor.Type;
        object instance = Activator.CreateInstance(type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            var property = type.GetProperty(parameter.Name, BindingFlags.Public | BindingFlags.Instance);
            if (property is not null)
                property.SetValue(instance, parameter.Value);
            else
                type.GetField(parameter.Name, BindingFlags.Public | BindingFlags.Instance)?.SetValue(instance, parameter.Value);
        }
        setup = benchmarkCase.Descriptor.GlobalSetupMethod?.CreateDelegate<Action>(instance);
        MethodInfo method = benchmarkCase.Descriptor.WorkloadMethod;
        MethodInfo typed = method.ReturnType == typeof(void)
            ? typeof(BenchmarkCaseHotPath).GetMethod(nameof(LoopAction), BindingFlags.NonPublic | BindingFlags.Static)!
            : typeof(BenchmarkCaseHotPath).GetMethod(nameof(LoopFunc), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(method.ReturnType);
        loop = (Func<long, ulong>)typed.Invoke(null, [instance, method])!;
    }

    /// <inheritdoc/>
    public override ulong Prepare()
    {
        Bind();
        setup?.Invoke();
        // Warm-up: JIT every method on the path and pay first-touch costs before counting.
        return Run(16);
    }

    /// <inheritdoc/>
    public override ulong Run(long iterations) =>
        (loop ?? throw new InvalidOperationException("Prepare() must run first"))(iterations);

    private static IEnumerable<BenchmarkCase> HeadlineCases()
    {
        IConfig config = ManualConfig.CreateEmpty();
        foreach (Type suite in SuiteCatalog.Suites)
        {
            foreach (BenchmarkCase c in BenchmarkConverter.TypeToBenchmarks(suite, config).BenchmarksCases)
            {
                if (SuiteCatalog.IsHeadline(c))
                    yield return c;
            }
        }
    }

    // The result goes to a field of the closure, not through EqualityComparer<T>.Default: code that
    // reads a static compiles differently when the JIT (tiering off: one compile, at the first
    // call) finds the class already initialised (3 instructions per call fewer here), so the count
    // depended on whether an earlier case had initialised it. Instance fields have no such state.
    private static Func<long, ulong> LoopFunc<T>(object instance, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<T>>(instance);
        var sink = new ResultSink<T>();
        return n =>
        {
            for (long i = 0; i < n; i++)
                sink.Last = call();
            return (ulong)n;
        };
    }

    private sealed class ResultSink<T>
    {
        public T? Last;
    }

    private static Func<long, ulong> LoopAction(object instance, MethodInfo method)
    {
        var call = method.CreateDelegate<Action>(instance);
        return n =>
        {
            for (long i = 0; i < n; i++)
                call();
            return (ulong)n;
        };
    }
}
