using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Statistics;

/// <summary>The identity of a benchmark case, without its numbers.</summary>
/// <param name="Id">Permanent id with parameters; comparisons match on it.</param>
/// <param name="Suite">Suite (benchmark class) name.</param>
/// <param name="Method">Benchmark method name.</param>
/// <param name="Parameters">Parameter values by name.</param>
public sealed record BenchmarkKey(string Id, string Suite, string Method, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Takes the identity of a stored result.</summary>
    /// <param name="result">The result.</param>
    public static BenchmarkKey From(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new BenchmarkKey(result.Id, result.Suite, result.Method, new Dictionary<string, string>(result.Parameters, StringComparer.Ordinal));
    }
}
