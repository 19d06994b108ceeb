using BenchmarkDotNet.Parameters;

namespace NestedVirt.Benchmarks.Running;

/// <summary>A suite that names its headline cases: the ones <c>run --quick</c> measures.</summary>
public interface IHeadlineSuite
{
    /// <summary>True for the parameter combinations a quick run includes.</summary>
    static abstract bool IsHeadline(ParameterInstances parameters);
}
