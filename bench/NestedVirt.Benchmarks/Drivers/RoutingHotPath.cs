using NestedVirt.Benchmarks.Exits;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// One L2 exit of the realistic mix routed (L0 or L1), as the <c>ExitRouting</c> suite measures
/// it: the same fixture, the same fixed-seed stream, the same call.
/// </summary>
public sealed class RoutingHotPath : HotPath
{
    // The suite's stream length: a power of two, so the index is a mask.
    private const int StreamLength = 4096;
    private readonly CpuVendor vendor;
    private ExitFixture? fixture;
    private ExitInfo[] stream = [];

    /// <summary>Creates the hot path; nothing is built until <see cref="Prepare"/>.</summary>
    public RoutingHotPath(string id, CpuVendor vendor)
    {
        Id = id;
        this.vendor = vendor;
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override string Description => $"{(vendor == CpuVendor.Intel ? "VMX" : "SVM")} L2 exit of the mix routed (L0 or L1)";

    /// <inheritdoc/>
    public override ulong Prepare()
    {
        fixture = new ExitFixture(vendor);
        stream = ExitMix.Create(vendor == CpuVendor.Amd, StreamLength);
        return Run(StreamLength);
    }

    /// <inheritdoc/>
    public override ulong Run(long iterations)
    {
        ExitFixture f = fixture ?? throw new InvalidOperationException("Prepare() must run first");
        bool svm = vendor == CpuVendor.Amd;
        ExitInfo[] exits = stream;
        var counters = default(PathCounters);
        ulong checksum = 0;
        for (long i = 0; i < iterations; i++)
            checksum += (ulong)ExitRouting.RouteOne(f, svm, exits[(int)(i & (StreamLength - 1))], ref counters);
        return checksum;
    }
}
