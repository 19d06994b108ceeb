using BenchmarkDotNet.Attributes;
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Checks;

/// <summary>
/// The allocation check's own test: the same 1-D EPT walk stream as <c>NestedWalk</c>, once
/// clean and once with exactly one byte allocated per walk (a 1,000-element byte array is a
/// 1,024-byte object, one per 1,024-walk invocation). The check must report 0 B/op for the
/// first and fail on the second. Never part of a normal run: <c>run</c> adds it only when
/// <see cref="EnvironmentVariable"/> is <c>1</c> (<c>.ci/checks/25-planted-allocation.sh</c>).
/// </summary>
[BenchmarkCategory("PlantedAllocation", "Checks")]
public class PlantedAllocation
{
    /// <summary>Set to <c>1</c> to add this class to a run.</summary>
    public const string EnvironmentVariable = "NVBENCH_PLANT_ALLOCATION";

    private const int StreamLength = 1024;

    // 24-byte array header + 1,000 elements = 1,024 bytes: one byte per operation.
    private const int PlantedLength = 1000;

    // Stored so the JIT cannot keep the array on the stack (.NET 10 stack-allocates
    // non-escaping small arrays) or drop it.
    private static byte[]? sink;

    private WalkFixture fixture = null!;

    /// <summary>True when the environment asks for the planted class.</summary>
    public static bool Requested => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>Builds the tables and stream.</summary>
    [GlobalSetup]
    public void Setup() => fixture = new WalkFixture(NestedFormat.Ept, 4, PageSize.Size4K, StreamLength, workingSetPages: 24);

    /// <summary>The walk stream alone: must read 0 B/op.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public ulong Clean() => WalkStream();

    /// <summary>The walk stream plus 1,024 bytes per 1,024 walks: must read 1 B/op and fail the run.</summary>
    [Benchmark(OperationsPerInvoke = StreamLength)]
    public ulong Planted()
    {
        sink = new byte[PlantedLength];
        return WalkStream() + (ulong)sink.Length;
    }

    private ulong WalkStream()
    {
        ulong checksum = 0;
        for (int i = 0; i < StreamLength; i++)
            checksum += NestedTranslation.Translate<EptFormat>(fixture.Memory, fixture.Nested, fixture.PhysicalStream[i], AccessIntent.Read, null).Address;
        return checksum;
    }
}
