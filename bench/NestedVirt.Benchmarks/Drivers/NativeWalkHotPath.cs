using NestedVirt.Benchmarks.Paging;
using NestedVirt.Benchmarks.Paging.Native;
using NestedVirt.Harness.Cli;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// The C reference walker beside a <see cref="WalkHotPath{TFormat}"/>: the same fixture, tables
/// and stream, walked by <c>libnvwalk</c>. <see cref="Prepare"/> self-tests the C walker
/// (planted faults, then agreement with the C# walker over the stream), and <see cref="Run"/>
/// is one call that walks N addresses, so the count per walk holds the C loop and nothing else.
/// </summary>
public sealed class NativeWalkHotPath : HotPath
{
    private const int StreamLength = 1024;
    private const int WorkingSetPages = 24;
    private readonly NestedFormat format;
    private readonly WalkDimension dimension;
    private NativeWalkFixture? native;

    /// <summary>Creates the hot path; nothing is built or loaded until <see cref="Prepare"/>.</summary>
    /// <param name="id">Permanent id: the C# hot path's id with <c>.c</c> appended.</param>
    /// <param name="format">L1's table format.</param>
    /// <param name="dimension">1-D or 2-D.</param>
    public NativeWalkHotPath(string id, NestedFormat format, WalkDimension dimension)
    {
        Id = id;
        this.format = format;
        this.dimension = dimension;
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override string Description =>
        $"{(dimension == WalkDimension.OneD ? "1-D" : "2-D 4x4")} {format.ToString().ToUpperInvariant()} walk by the C reference walker";

    /// <inheritdoc/>
    /// <exception cref="HarnessException">libnvwalk is missing, or the C walker failed its self test.</exception>
    public override ulong Prepare()
    {
        var fixture = new WalkFixture(format, 4, PageSize.Size4K, StreamLength, WorkingSetPages);
        try
        {
            native = new NativeWalkFixture(fixture, format, dimension);
            NativeSelfTest.Run(native);
        }
        catch (InvalidOperationException e)
        {
            throw new HarnessException(e.Message);
        }
        return native.WalkStream(StreamLength);
    }

    /// <inheritdoc/>
    public override ulong Run(long iterations)
    {
        NativeWalkFixture n = native ?? throw new InvalidOperationException("Prepare() must run first");
        return n.WalkStream(iterations);
    }
}
