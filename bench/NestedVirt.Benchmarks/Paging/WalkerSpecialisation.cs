using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Paging;

/// <summary>
/// The generic walker (<c>PageWalker.Walk&lt;EptFormat&gt;</c>) against a hand-specialised
/// 4-level EPT walker over the same tables and stream, with the same checks and the same A/D
/// work (neither touches an entry that already holds its bits): the proof that
/// <c>static abstract</c> format members cost nothing once the JIT specialises them. The
/// hand-written walker is the baseline; a ratio of at most 1.05 is the goal.
/// </summary>
[BenchmarkCategory("WalkerSpecialisation", "Paging")]
public class WalkerSpecialisation : IHeadlineSuite
{
    private const int StreamLength = 1024;
    private WalkFixture fixture = null!;
    private ulong rootTable;

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => true;

    /// <summary>EPT, 4 levels, 4 KiB leaves.</summary>
    [GlobalSetup]
    public void Setup()
    {
        fixture = new WalkFixture(NestedFormat.Ept, 4, PageSize.Size4K, StreamLength, workingSetPages: 512);
        rootTable = fixture.Nested.RootTable;
    }

    /// <summary>The generic walker.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public ulong Generic()
    {
        ulong checksum = 0;
        for (int i = 0; i < StreamLength; i++)
            checksum += PageWalker.Walk<EptFormat>(fixture.Memory, fixture.Nested, fixture.PhysicalStream[i], AccessIntent.Read).Address;
        return checksum;
    }

    /// <summary>The hand-written walker.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = StreamLength)]
    public ulong HandSpecialised()
    {
        ulong checksum = 0;
        for (int i = 0; i < StreamLength; i++)
            checksum += HandEptWalker.Walk(fixture.Memory, rootTable, fixture.PhysicalStream[i], 1, accessedDirty: true);
        return checksum;
    }
}
