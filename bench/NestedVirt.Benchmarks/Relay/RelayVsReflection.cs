using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Parameters;
using NestedVirt.Benchmarks.Running;
using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Relay;

/// <summary>
/// One L2 hypercall exit handled to completion, relayed by L0 against reflected to L1. Relay: the
/// capability on for both calls, L1's gate open; L0 decides, clears the nested bit, translates
/// the input GPA through L1's EPT/NPT and completes through the userspace VMBus host. Reflect:
/// no capability; the nested exit to L1, an L1 that forwards the call to L0 as its own
/// hypercall (so both paths deliver the same message to the same host), and L1's VMRESUME/VMRUN
/// back into L2. Clean: L1 leaves every eVMCS/VMCB clean bit set, or clears them all.
/// </summary>
[BenchmarkCategory("RelayVsReflection", "Relay")]
public class RelayVsReflection : ICountedBenchmark, IHeadlineSuite
{
    private NestedTopology topology = null!;
    private HypercallRegisters template;

    /// <summary>VMX (Intel) or SVM (AMD): the vendors this build compiles in.</summary>
    [ParamsSource(typeof(CompiledVendors), nameof(CompiledVendors.All))]
    public CpuVendor Vendor { get; set; } = CompiledVendors.First;

    /// <summary>The hypercall L2 makes.</summary>
    [Params(HvCallCode.PostMessage, HvCallCode.SignalEvent)]
    public HvCallCode Call { get; set; } = HvCallCode.PostMessage;

    /// <summary>The path the exit takes: relayed by L0 or reflected to L1 (setup checks it does).</summary>
    [Params(L2HypercallPath.Relayed, L2HypercallPath.Reflected)]
    public L2HypercallPath Path { get; set; } = L2HypercallPath.Relayed;

    /// <summary>L1 leaves the clean bits set.</summary>
    [Params(true, false)]
    public bool Clean { get; set; } = true;

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => (bool)parameters["Clean"];

    /// <summary>Builds the stack and L2's message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Path is not (L2HypercallPath.Relayed or L2HypercallPath.Reflected))
            throw new InvalidOperationException($"benchmark setup: Path must be Relayed or Reflected, not {Path}");
        bool relay = Path == L2HypercallPath.Relayed;
        topology = NestedTopology.Create(new TopologyOptions
        {
            Vendor = Vendor,
            RelayMask = relay ? (ulong)NestedHypervRelayMask.All : 0,
            L1Policy = L1Policy.ForwardsToL0,
            L1LeavesCleanFields = Clean,
        });
        if (Call == HvCallCode.SignalEvent)
            topology.WriteSignalEvent(VmBusConstants.EventConnectionId);
        else if (Call == HvCallCode.PostMessage)
            topology.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        else
            throw new InvalidOperationException($"benchmark setup: Call must be PostMessage or SignalEvent, not {Call}");
        ulong input = HypercallInput.Create(Call, fast: false, variableHeaderSize: 0, repCount: 0, repStartIndex: 0, nested: true).Value;
        template = topology.L2Registers(input, TopologyLayout.L2MessagePageGpa);
        var counters = default(PathCounters);
        HypercallRegisters regs = template;
        var result = topology.HandleL2Hypercall(ref regs, ref counters);
        if (result.Status != HvStatus.Success || result.Path != Path)
            throw new InvalidOperationException($"benchmark setup: the {Call} did not succeed on the {Path} path ({result})");
    }

    /// <summary>One hypercall exit to completion; returns L2's RAX.</summary>
    [Benchmark]
    public ulong Hypercall()
    {
        var counters = default(PathCounters);
        HypercallRegisters regs = template;
        topology.HandleL2Hypercall(ref regs, ref counters);
        return regs.Rax;
    }

    /// <inheritdoc/>
    public int CountOperations(ref PathCounters counters)
    {
        HypercallRegisters regs = template;
        topology.HandleL2Hypercall(ref regs, ref counters);
        return 1;
    }
}
