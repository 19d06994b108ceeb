using NestedVirt.Benchmarks.Paging;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// A cold nested walk as the <see cref="NestedWalk"/> suite measures it (4 levels, 4 KiB leaves,
/// no caches, the same fixture and fixed-seed stream): 1-D through
/// <see cref="NestedTranslation.Translate{TNested}"/>, 2-D through
/// <see cref="TwoDimensionalWalker.Walk{TNested}(NestedVirt.Memory.GuestMemory, in PagingConfig, in PagingConfig, ulong, AccessIntent, PagingCaches?)"/>.
/// Generic over the format so each loop calls the JIT-specialised walker directly.
/// </summary>
/// <typeparam name="TFormat"><see cref="EptFormat"/> or <see cref="NptFormat"/>.</typeparam>
public sealed class WalkHotPath<TFormat> : HotPath
    where TFormat : struct, IPageTableFormat
{
    // Same stream length and working set as NestedWalk; a power of two so the index is a mask.
    private const int StreamLength = 1024;
    private const int WorkingSetPages = 24;
    private readonly NestedFormat format;
    private readonly WalkDimension dimension;
    private WalkFixture? fixture;

    /// <summary>Creates the hot path; nothing is built until <see cref="Prepare"/>.</summary>
    /// <param name="id">Permanent id.</param>
    /// <param name="format">Must match <typeparamref name="TFormat"/> (it picks the table layout).</param>
    /// <param name="dimension">1-D (L2 GPA) or 2-D (L2 linear).</param>
    public WalkHotPath(string id, NestedFormat format, WalkDimension dimension)
    {
        Id = id;
        this.format = format;
        this.dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override string Description =>
        $"{(dimension == WalkDimension.OneD ? "1-D" : "2-D 4x4")} {format.ToString().ToUpperInvariant()} 4-level 4K walk, cold";

    /// <inheritdoc/>
    public override ulong Prepare()
    {
        fixture = new WalkFixture(format, 4, PageSize.Size4K, StreamLength, WorkingSetPages);
        return Run(StreamLength);
    }

    /// <inheritdoc/>
    public override ulong Run(long iterations)
    {
        WalkFixture f = fixture ?? throw new InvalidOperationException("Prepare() must run first");
        return dimension == WalkDimension.OneD ? RunOneD(f, iterations) : RunTwoD(f, iterations);
    }

    private static ulong RunOneD(WalkFixture f, long iterations)
    {
        ulong[] stream = f.PhysicalStream;
        ulong checksum = 0;
        for (long i = 0; i < iterations; i++)
            checksum += NestedTranslation.Translate<TFormat>(f.Memory, f.Nested, stream[(int)(i & (StreamLength - 1))], AccessIntent.Read).Address;
        return checksum;
    }

    private static ulong RunTwoD(WalkFixture f, long iterations)
    {
        ulong[] stream = f.LinearStream;
        ulong checksum = 0;
        for (long i = 0; i < iterations; i++)
            checksum += TwoDimensionalWalker.Walk<TFormat>(f.Memory, f.Guest, f.Nested, stream[(int)(i & (StreamLength - 1))], AccessIntent.Read).Address;
        return checksum;
    }
}
