using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Counters;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Paging;

/// <summary>
/// Cost per nested translation: EPT against NPT, 4 against 5 levels, each leaf size, 1-D (L2 GPA
/// to L1 GPA) against 2-D (L2 linear to L1 GPA), with no caches ("Cold": every walk is a full
/// miss) or with a nested TLB and paging-structure cache warmed by the stream ("Warm").
/// </summary>
[BenchmarkCategory("NestedWalk", "Paging")]
public class NestedWalk : ICountedBenchmark, IHeadlineSuite
{
    private const int StreamLength = 1024;
    private WalkFixture fixture = null!;
    private PagingCaches? caches;

    /// <summary>L1's table format.</summary>
    [Params(NestedFormat.Ept, NestedFormat.Npt)]
    public NestedFormat Format { get; set; }

    /// <summary>Levels of both dimensions.</summary>
    [Params(4, 5)]
    public int Levels { get; set; }

    /// <summary>Leaf size of L1's table.</summary>
    [Params(PageSize.Size4K, PageSize.Size2M, PageSize.Size1G)]
    public PageSize PageSize { get; set; }

    /// <summary>1-D or 2-D.</summary>
    [Params(WalkDimension.OneD, WalkDimension.TwoD)]
    public WalkDimension Dimension { get; set; }

    /// <summary>Cold (no caches) or Warm (caches hold the working set).</summary>
    [Params(WalkCaches.Cold, WalkCaches.Warm)]
    public WalkCaches Caches { get; set; }

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) =>
        (int)parameters["Levels"] == 4 && (PageSize)parameters["PageSize"] == PageSize.Size4K;

    /// <summary>Builds tables and the stream; warms the caches when asked.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // 24 pages fit the 64-entry nested TLB and the paging-structure cache.
        fixture = new WalkFixture(Format, Levels, PageSize, StreamLength, workingSetPages: 24);
        caches = Caches == WalkCaches.Warm ? new PagingCaches(64, 32) : null;
        if (caches is not null)
            Walk();
    }

    /// <summary>Walks the whole stream; returns a checksum so the JIT cannot drop the work.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public ulong Walk()
    {
        ulong checksum = 0;
        for (int i = 0; i < StreamLength; i++)
            checksum += WalkOne(i).Address;
        return checksum;
    }

    /// <inheritdoc/>
    public int CountOperations(ref PathCounters counters)
    {
        for (int i = 0; i < StreamLength; i++)
        {
            WalkResult result = WalkOne(i);
            counters.Walks++;
            counters.GuestEntriesRead += result.EntriesRead;
        }
        return StreamLength;
    }

    private WalkResult WalkOne(int i)
    {
        WalkFixture f = fixture;
        if (Dimension == WalkDimension.OneD)
        {
            return Format == NestedFormat.Ept
                ? NestedTranslation.Translate<EptFormat>(f.Memory, f.Nested, f.PhysicalStream[i], AccessIntent.Read, caches)
                : NestedTranslation.Translate<NptFormat>(f.Memory, f.Nested, f.PhysicalStream[i], AccessIntent.Read, caches);
        }
        return Format == NestedFormat.Ept
            ? TwoDimensionalWalker.Walk<EptFormat>(f.Memory, f.Guest, f.Nested, f.LinearStream[i], AccessIntent.Read, caches)
            : TwoDimensionalWalker.Walk<NptFormat>(f.Memory, f.Guest, f.Nested, f.LinearStream[i], AccessIntent.Read, caches);
    }
}
