namespace NestedVirt.Harness.Index;

/// <summary>A results file as the file system describes it, which is what staleness is judged by.</summary>
/// <param name="RelativePath">Path under the results root, '/'-separated: <c>&lt;machine&gt;/&lt;run id&gt;.json</c>.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedTicks">Last write time, UTC ticks.</param>
internal readonly record struct IndexedFile(string RelativePath, long Size, long ModifiedTicks);
