using NestedVirt.Benchmarks.Exits;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// One exit of the realistic mix from a guest without nested virtualization, handled by L0's
/// generic exit handler, as the <c>NonNestedExit</c> suite measures it. In every build: its count
/// with nested code compiled in and out is the instruction-level form of <c>nvbench nested-cost</c>.
/// </summary>
public sealed class PlainExitHotPath : HotPath
{
    private const int StreamLength = 4096;
    private readonly CpuVendor vendor;
    private GuestVcpu? vcpu;
    private ExitInfo[] stream = [];

    /// <summary>Creates the hot path; nothing is built until <see cref="Prepare"/>.</summary>
    public PlainExitHotPath(string id, CpuVendor vendor)
    {
        Id = id;
        this.vendor = vendor;
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override string Description => $"{(vendor == CpuVendor.Intel ? "VMX" : "SVM")} exit of a guest without nesting, handled by L0";

    /// <inheritdoc/>
    public override ulong Prepare()
    {
        var host = new L0Hypervisor(HostHardware.For(vendor));
        if (host.CreateVm(DomainConfig.Hvm, out GuestVm? vm, out string? log) != 0 || vm!.CreateVcpu(out GuestVcpu? created) != 0)
            throw new InvalidOperationException("L0 refused a plain HVM guest: " + log);
        vcpu = created;
        stream = ExitMix.Create(vendor == CpuVendor.Amd, StreamLength);
        return Run(StreamLength);
    }

    /// <inheritdoc/>
    public override ulong Run(long iterations)
    {
        GuestVcpu v = vcpu ?? throw new InvalidOperationException("Prepare() must run first");
        ExitInfo[] exits = stream;
        var counters = default(PathCounters);
        ulong checksum = 0;
        for (long i = 0; i < iterations; i++)
            checksum += (ulong)v.HandleExit(exits[(int)(i & (StreamLength - 1))], ref counters);
        return checksum;
    }
}
