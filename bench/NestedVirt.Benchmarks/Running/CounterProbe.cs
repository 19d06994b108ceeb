using System.Reflection;
using BenchmarkDotNet.Running;
using NestedVirt.Counters;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Runs a counted benchmark's operations once, outside the timer, in the host process: creates
/// the benchmark class, sets the case's parameters, runs its <c>[GlobalSetup]</c> and asks it
/// for its counts. Results are cached per case, since the model is deterministic.
/// </summary>
public static class CounterProbe
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, double>?> Cache = [];

    /// <summary>Counters per operation by field name, or null for a benchmark the model does not count.</summary>
    public static IReadOnlyDictionary<string, double>? PerOperation(BenchmarkCase benchmarkCase)
    {
        string id = BenchmarkIds.Of(benchmarkCase);
        lock (Cache)
        {
            if (Cache.TryGetValue(id, out var cached))
                return cached;
            var value = Measure(benchmarkCase);
            Cache[id] = value;
            return value;
        }
    }

    private static IReadOnlyDictionary<string, double>? Measure(BenchmarkCase benchmarkCase)
    {
        Type type = benchmarkCase.Descriptor.Type;
        if (!typeof(ICountedBenchmark).IsAssignableFrom(type))
            return null;
        object instance = Activator.CreateInstance(type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            var property = type.GetProperty(parameter.Name, BindingFlags.Public | BindingFlags.Instance);
            if (property is not null)
                property.SetValue(instance, parameter.Value);
            else
                type.GetField(parameter.Name, BindingFlags.Public | BindingFlags.Instance)?.SetValue(instance, parameter.Value);
        }
        benchmarkCase.Descriptor.GlobalSetupMethod?.Invoke(instance, null);

        var counters = default(PathCounters);
        int operations = ((ICountedBenchmark)instance).CountOperations(ref counters);
        return ToDictionary(counters, Math.Max(1, operations));
    }

    /// <summary>Every field of <paramref name="counters"/> divided by <paramref name="operations"/>.</summary>
    public static Dictionary<string, double> ToDictionary(in PathCounters counters, int operations)
    {
        var result = new Dictionary<string, double>();
        object boxed = counters;
        foreach (FieldInfo field in typeof(PathCounters).GetFields(BindingFlags.Public | BindingFlags.Instance))
            result[field.Name] = (int)field.GetValue(boxed)! / (double)operations;
        return result;
    }
}
