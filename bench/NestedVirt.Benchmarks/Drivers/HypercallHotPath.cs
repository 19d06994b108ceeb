using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// One L2 HvPostMessage exit handled to completion, as the <c>RelayVsReflection</c> suite
/// measures it (clean fields): relayed by L0, or reflected to an L1 that forwards it.
/// </summary>
public sealed class HypercallHotPath : HotPath
{
    private readonly CpuVendor vendor;
    private readonly bool relay;
    private NestedTopology? topology;
    private HypercallRegisters template;

    /// <summary>Creates the hot path; nothing is built until <see cref="Prepare"/>.</summary>
    public HypercallHotPath(string id, CpuVendor vendor, bool relay)
    {
        Id = id;
        this.vendor = vendor;
        this.relay = relay;
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override string Description =>
        $"{(vendor == CpuVendor.Intel ? "VMX" : "SVM")} HvPostMessage exit, {(relay ? "relayed by L0" : "reflected, L1 forwards")}";

    /// <inheritdoc/>
    public override ulong Prepare()
    {
        topology = NestedTopology.Create(new TopologyOptions
        {
            Vendor = vendor,
            RelayMask = relay ? (ulong)NestedHypervRelayMask.All : 0,
            L1Policy = L1Policy.ForwardsToL0,
        });
        topology.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        ulong input = HypercallInput.Create(HvCallCode.PostMessage, fast: false, variableHeaderSize: 0, repCount: 0,
            repStartIndex: 0, nested: true).Value;
        template = topology.L2Registers(input, TopologyLayout.L2MessagePageGpa);
        return Run(64);
    }

    /// <inheritdoc/>
    public override ulong Run(long iterations)
    {
        NestedTopology t = topology ?? throw new InvalidOperationException("Prepare() must run first");
        ulong checksum = 0;
        for (long i = 0; i < iterations; i++)
        {
            var counters = default(PathCounters);
            HypercallRegisters regs = template;
            t.HandleL2Hypercall(ref regs, ref counters);
            checksum += regs.Rax;
        }
        return checksum;
    }
}
