namespace NestedVirt.Tests.Nested;

/// <summary>
/// Measures managed allocation of a warmed-up loop on the current thread. A loop that allocates on
/// every call shows it on every attempt; a one-off runtime event inside the measured window (tiered
/// JIT promotion, on-stack replacement) shows at most once, so the measurement is retried a few
/// times and the last attempt is returned.
/// </summary>
internal static class AllocationProbe
{
    private const int Attempts = 5;

    /// <summary>Runs <paramref name="run"/> once to warm up, then returns the bytes allocated by <paramref name="calls"/> iterations.</summary>
    public static long BytesAllocated(Func<int, int> run, int calls)
    {
        run(calls);
        long delta = 0;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int result = run(calls);
            delta = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(result);
            if (delta == 0)
                break;
        }
        return delta;
    }
}
