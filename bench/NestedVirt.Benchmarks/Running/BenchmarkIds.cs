using System.Globalization;
using BenchmarkDotNet.Running;
using NestedVirt.Harness.Results;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// A BenchmarkDotNet case's name (<see cref="BenchmarkName"/>) and its parameters as results
/// files store them: values formatted invariantly, enums by member name.
/// </summary>
public static class BenchmarkIds
{
    /// <summary>The name of a case: what list prints, --filter matches and results files store.</summary>
    public static string Of(BenchmarkCase benchmarkCase) =>
        BenchmarkName.Of(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name, Parameters(benchmarkCase));

    /// <summary>The case's parameter values by name.</summary>
    public static Dictionary<string, string> Parameters(BenchmarkCase benchmarkCase)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in benchmarkCase.Parameters.Items)
            parameters[p.Name] = Format(p.Value);
        return parameters;
    }

    /// <summary>A parameter value as results files show it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
