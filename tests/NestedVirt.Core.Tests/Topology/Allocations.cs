namespace NestedVirt.Tests.Topology;

/// <summary>Counts what the current thread allocates over a measured loop.</summary>
internal static class Allocations
{
    /// <summary>
    /// Collects first, then returns the bytes this thread allocated while <paramref name="loop"/>
    /// ran. Observed on .NET 10 with concurrent GC: a background GC started by another test's
    /// thread can move this thread's count by the unused rest of its allocation context (a few
    /// KiB, once, at a random point of the loop; never with DOTNET_gcConcurrent=0). A blocking
    /// collection just before measuring leaves the context empty, so only real allocations count.
    /// </summary>
    public static long During(Action loop)
    {
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        loop();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
