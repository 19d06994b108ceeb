using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Paging.Native;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Memory;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Paging;

/// <summary>
/// The C# walker against the plain C reference walkers (<c>bench/native/</c>, cc -O2) in one
/// run, over the same tables in the same memory and the same fixed-seed stream: 4-level tables,
/// 4 KiB leaves, no nested TLB or paging-structure cache (every walk reads every entry), a
/// 24-page working set that stays in the CPU's caches. The C side walks the whole stream in one
/// call, so the call costs nothing per walk; it is self-tested against planted faults first.
/// The C case is the baseline: BenchmarkDotNet's ratio column is C# time over C time.
/// </summary>
[BenchmarkCategory("WalkVsC", "Paging")]
public class WalkVsC : IHeadlineSuite
{
    private const int StreamLength = 1024;
    private WalkFixture fixture = null!;
    private NativeWalkFixture native = null!;

    /// <summary>L1's table format.</summary>
    [Params(NestedFormat.Ept, NestedFormat.Npt)]
    public NestedFormat Format { get; set; }

    /// <summary>1-D (L2 GPA, hot caches) or 2-D 4/4 (L2 linear, 24 entries per walk).</summary>
    [Params(WalkDimension.OneD, WalkDimension.TwoD)]
    public WalkDimension Dimension { get; set; }

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => true;

    /// <summary>Builds the tables and the stream.</summary>
    [GlobalSetup(Target = nameof(CSharp))]
    public void SetupCSharp() => fixture = new WalkFixture(Format, 4, PageSize.Size4K, StreamLength, workingSetPages: 24);

    /// <summary>Builds the same tables and stream, binds the C walker to them and self-tests it.</summary>
    [GlobalSetup(Target = nameof(C))]
    public void SetupC()
    {
        SetupCSharp();
        native = new NativeWalkFixture(fixture, Format, Dimension);
        NativeSelfTest.Run(native);
    }

    /// <summary>The C# walker over the stream.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public ulong CSharp() => Format == NestedFormat.Ept ? Walk<EptFormat>(fixture, Dimension) : Walk<NptFormat>(fixture, Dimension);

    /// <summary>The C walker over the stream, in one call.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = StreamLength)]
    public ulong C() => native.WalkStream(StreamLength);

    private static ulong Walk<TFormat>(WalkFixture f, WalkDimension dimension)
        where TFormat : struct, IPageTableFormat
    {
        GuestMemory memory = f.Memory;
        ulong checksum = 0;
        if (dimension == WalkDimension.OneD)
        {
            ulong[] stream = f.PhysicalStream;
            for (int i = 0; i < stream.Length; i++)
                checksum += NestedTranslation.Translate<TFormat>(memory, f.Nested, stream[i], AccessIntent.Read).Address;
        }
        else
        {
            ulong[] stream = f.LinearStream;
            for (int i = 0; i < stream.Length; i++)
                checksum += TwoDimensionalWalker.Walk<TFormat>(memory, f.Guest, f.Nested, stream[i], AccessIntent.Read).Address;
        }
        return checksum;
    }
}
