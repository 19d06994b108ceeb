namespace NestedVirt.Harness.Index;

/// <summary>What bringing the index up to date with the files did.</summary>
/// <param name="Files">Run files under the results root now.</param>
/// <param name="Added">Files new to the index.</param>
/// <param name="Updated">Files whose size, time or (with verify) content changed since they were indexed.</param>
/// <param name="Removed">Indexed files that no longer exist.</param>
/// <param name="Rebuilt">Why the whole index was rebuilt (missing, other format, unreadable, asked), or null.</param>
/// <param name="Elapsed">Time taken.</param>
public sealed record IndexSyncReport(int Files, int Added, int Updated, int Removed, string? Rebuilt, TimeSpan Elapsed)
{
    /// <summary>True when nothing had to change.</summary>
    public bool WasFresh => Added == 0 && Updated == 0 && Removed == 0 && Rebuilt is null;
}
