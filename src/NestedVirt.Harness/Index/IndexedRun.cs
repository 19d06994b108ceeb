namespace NestedVirt.Harness.Index;

/// <summary>One run as the index lists it, without its benchmarks.</summary>
/// <param name="Id">The run id (file name without <c>.json</c>).</param>
/// <param name="Path">Full path of the results file.</param>
/// <param name="MachineId">The machine.</param>
/// <param name="Commit">Full commit hash.</param>
/// <param name="ShortCommit">Abbreviated hash.</param>
/// <param name="Dirty">Work tree had uncommitted changes.</param>
/// <param name="Job">Job name (<c>quick</c>, <c>full</c>, <c>dry</c>, <c>ab</c>, ...).</param>
/// <param name="TimestampUtc">When the run started.</param>
public sealed record IndexedRun(
    string Id, string Path, string MachineId, string Commit, string ShortCommit, bool Dirty, string Job, DateTimeOffset TimestampUtc);
