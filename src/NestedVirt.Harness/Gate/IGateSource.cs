namespace NestedVirt.Harness.Gate;

/// <summary>
/// Measures what the gate compares: the model counters of the headline cases and, when asked,
/// the instruction counts of the hot paths. The benchmarks project implements it over its
/// suites; tests fake it.
/// </summary>
public interface IGateSource
{
    /// <summary>Measures now.</summary>
    /// <param name="countInstructions">Count instructions (slow: minutes under callgrind); false for counters only.</param>
    /// <param name="iterations">N for the instruction counts.</param>
    /// <param name="repositoryRoot">The checkout (for the C walker's source and similar files).</param>
    /// <param name="progress">Progress lines.</param>
    /// <returns>Counters always; instructions when counted, else an empty set and a note saying why.</returns>
    GateBaseline Measure(bool countInstructions, long iterations, string repositoryRoot, TextWriter progress);
}
