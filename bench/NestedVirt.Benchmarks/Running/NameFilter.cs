using System.Text.RegularExpressions;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// <c>--filter</c> with BenchmarkDotNet's glob rules (<c>*</c> any run, <c>?</c> one character,
/// whole name, case ignored; any of several globs), matched against the benchmark's name
/// (<c>rvr/intel/*</c>, what list and compare print) as well as the two names BenchmarkDotNet's
/// own GlobFilter matches (<c>*RelayVsReflection*</c> still works).
/// </summary>
public sealed class NameFilter : IFilter
{
    private readonly Regex[] patterns;

    /// <summary>Creates the filter.</summary>
    /// <param name="globs">One or more globs.</param>
    public NameFilter(IReadOnlyList<string> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        patterns = [.. globs.Select(ToRegex)];
    }

    /// <inheritdoc/>
    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        string name = BenchmarkIds.Of(benchmarkCase);
        string fullName = FullNameProvider.GetBenchmarkName(benchmarkCase);
        string typeAndMethod = benchmarkCase.Descriptor.GetFilterName();
        return patterns.Any(p => p.IsMatch(name) || p.IsMatch(fullName) || p.IsMatch(typeAndMethod));
    }

    private static Regex ToRegex(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
