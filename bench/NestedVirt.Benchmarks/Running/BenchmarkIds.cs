using System.Globalization;
using BenchmarkDotNet.Running;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// Permanent benchmark ids (dotnet/performance keeps ids stable so history survives refactors):
/// <c>Suite.Method(Name=Value, ...)</c> with parameters in declaration order and values
/// formatted invariantly. Renaming a suite, method or parameter changes the id: don't.
/// </summary>
public static class BenchmarkIds
{
    /// <summary>The id of a case.</summary>
    public static string Of(BenchmarkCase benchmarkCase)
    {
        string suite = benchmarkCase.Descriptor.Type.Name;
        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var items = benchmarkCase.Parameters.Items;
        if (items.Count == 0)
            return $"{suite}.{method}";
        var parts = new string[items.Count];
        for (int i = 0; i < items.Count; i++)
            parts[i] = $"{items[i].Name}={Format(items[i].Value)}";
        return $"{suite}.{method}({string.Join(", ", parts)})";
    }

    /// <summary>A parameter value as ids and results files show it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
