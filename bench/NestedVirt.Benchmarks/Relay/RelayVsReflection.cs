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

    /// <summary>VMX or SVM.</summary>
#if INTEL_VMX && AMD_SVM
    [Params("Vmx", "Svm")]
#elif INTEL_VMX
    [Params("Vmx")]
#else
    [Params("Svm")]
#endif
    public string Vendor { get; set; } = "Vmx";

    /// <summary>The hypercall L2 makes.</summary>
    [Params("HvPostMessage", "HvSignalEvent")]
    public string Call { get; set; } = "HvPostMessage";

    /// <summary>Relay or Reflect.</summary>
    [Params("Relay", "Reflect")]
    public string Path { get; set; } = "Relay";

    /// <summary>L1 leaves the clean bits set.</summary>
    [Params(true, false)]
    public bool Clean { get; set; } = true;

    /// <inheritdoc/>
    public static bool IsHeadline(ParameterInstances parameters) => (bool)parameters["Clean"];

    /// <summary>Builds the stack and L2's message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        bool relay = Path == "Relay";
        topology = NestedTopology.Create(new TopologyOptions
        {
            Vendor = Vendor == "Svm" ? CpuVendor.Amd : CpuVendor.Intel,
            RelayMask = relay ? (ulong)NestedHypervRelayMask.All : 0,
            L1Policy = L1Policy.ForwardsToL0,
            L1LeavesCleanFields = Clean,
        });
        HvCallCode code;
        if (Call == "HvSignalEvent")
        {
            topology.WriteSignalEvent(VmBusConstants.EventConnectionId);
            code = HvCallCode.SignalEvent;
        }
        else
        {
            topology.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
            code = HvCallCode.PostMessage;
        }
        ulong input = HypercallInput.Create(code, fast: false, variableHeaderSize: 0, repCount: 0, repStartIndex: 0, nested: true).Value;
        template = topology.L2Registers(input, TopologyLayout.L2MessagePageGpa);
        var counters = default(PathCounters);
        HypercallRegisters regs = template;
        var result = topology.HandleL2Hypercall(ref regs, ref counters);
        if (result.Status != HvStatus.Success)
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
