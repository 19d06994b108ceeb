namespace NestedVirt.Benchmarks.Paging;

/// <summary>Whether a walk benchmark translates through caches.</summary>
public enum WalkCaches
{
    /// <summary>No nested TLB and no paging-structure cache: every walk is a full miss.</summary>
    Cold,

    /// <summary>A nested TLB and paging-structure cache warmed by the stream (they hold its working set).</summary>
    Warm,
}
