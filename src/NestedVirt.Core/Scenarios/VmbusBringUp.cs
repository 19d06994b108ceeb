using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Hypercalls;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.Relay;
using NestedVirt.Topology;
using NestedVirt.VmBus;
using NestedVirt.X86;

namespace NestedVirt.Scenarios;

/// <summary>
/// The selftest the relay proposal promised, "a nested Windows root brings up vmbus": L2 posts
/// a VMBus InitiateContact (version 5.0, connection 4) with the nested bit set, and the stack
/// decides whether it reaches the userspace VMBus server. (a) no capability, (b) relay on with
/// the gate open, (c) capability on but gate closed, (d) unknown capability bits, (e) the SVM
/// variants of (a) to (c), (f) only the SignalEvent bit; plus an L1 that forwards the post and
/// an SVM host without NRIPS.
/// </summary>
public static class VmbusBringUp
{
    private const ulong PostMessageBit = (ulong)NestedHypervRelayMask.PostMessage;
    private const ulong SignalEventBit = (ulong)NestedHypervRelayMask.SignalEvent;

    /// <summary>Every scenario whose vendor this build has (EnableVmx / EnableSvm), in the order the command line runs them.</summary>
    public static IReadOnlyList<BringUpScenario> All { get; } = Compiled(
    [
        new("vmx-no-capability", "(a) no capability: reflected to L1, which drops it",
            new TopologyOptions { Vendor = CpuVendor.Intel }, BringUpOutcome.NeverConnects),
        new("vmx-relay", "(b) PostMessage bit, gate open: relayed, VMBus host answers",
            new TopologyOptions { Vendor = CpuVendor.Intel, RelayMask = PostMessageBit }, BringUpOutcome.Connected),
        new("vmx-gate-closed", "(c) capability on, L1 did not open the gate: reflected",
            new TopologyOptions { Vendor = CpuVendor.Intel, RelayMask = PostMessageBit, DirectHypercallGate = false }, BringUpOutcome.NeverConnects),
        new("unknown-capability-bits", "(d) mask with an unknown bit: KVM_ENABLE_CAP returns -EINVAL",
            new TopologyOptions { Vendor = CpuVendor.Intel, RelayMask = 0x4 }, BringUpOutcome.CapabilityRefused),
        new("svm-no-capability", "(e) SVM, no capability: reflected to L1, which drops it",
            new TopologyOptions { Vendor = CpuVendor.Amd }, BringUpOutcome.NeverConnects),
        new("svm-relay", "(e) SVM, PostMessage bit, gate open: relayed, no #UD",
            new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = PostMessageBit }, BringUpOutcome.Connected),
        new("svm-gate-closed", "(e) SVM, capability on, gate closed: reflected",
            new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = PostMessageBit, DirectHypercallGate = false }, BringUpOutcome.NeverConnects),
        new("signal-event-only", "(f) only the SignalEvent bit: the post is still reflected",
            new TopologyOptions { Vendor = CpuVendor.Intel, RelayMask = SignalEventBit }, BringUpOutcome.NeverConnects),
        new("vmx-l1-forwards", "hypothetical L1 that forwards the post as its own call",
            new TopologyOptions { Vendor = CpuVendor.Intel, L1Policy = L1Policy.ForwardsToL0 }, BringUpOutcome.Connected),
        new("svm-relay-no-nrips", "SVM without NRIPS: L0 decodes the VMMCALL via the 2-D walk",
            new TopologyOptions { Vendor = CpuVendor.Amd, RelayMask = PostMessageBit, Nrips = false }, BringUpOutcome.Connected),
    ]);

    private static BringUpScenario[] Compiled(BringUpScenario[] all) =>
        Array.FindAll(all, scenario => NestedVirtBuild.Has(scenario.Options.Vendor));

    /// <summary>Finds a scenario by name (ordinal, case-insensitive), or null.</summary>
    public static BringUpScenario? Find(string name)
    {
        foreach (BringUpScenario scenario in All)
        {
            if (string.Equals(scenario.Name, name, StringComparison.OrdinalIgnoreCase))
                return scenario;
        }
        return null;
    }

    /// <summary>Builds the stack and lets L2 post InitiateContact once.</summary>
    public static BringUpResult Run(BringUpScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var topology = NestedTopology.Create(scenario.Options);
        var counters = default(PathCounters);
        if (topology.EnableCapResult != 0)
            return new BringUpResult(scenario, BringUpOutcome.CapabilityRefused, default, topology.EnableCapResult, counters);

        topology.WriteInitiateContact(VmBusConstants.MessageConnectionId4, VmBusVersion.Win10V5);
        ulong input = HypercallInput.Create(HvCallCode.PostMessage, fast: false, variableHeaderSize: 0, repCount: 0,
            repStartIndex: 0, nested: true).Value;
        HypercallRegisters regs = topology.L2Registers(input, TopologyLayout.L2MessagePageGpa);
        L2HypercallResult result = topology.HandleL2Hypercall(ref regs, ref counters);

        BringUpOutcome outcome = result.Path == L2HypercallPath.UndefinedOpcode ? BringUpOutcome.UndefinedOpcode
            : topology.VmBus.IsConnected ? BringUpOutcome.Connected
            : BringUpOutcome.NeverConnects;
        return new BringUpResult(scenario, outcome, result, topology.EnableCapResult, counters);
    }

    /// <summary>One line for a person: verdict, name, and what happened.</summary>
    public static string Describe(BringUpResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string what = result.Outcome switch
        {
            BringUpOutcome.CapabilityRefused => $"KVM_ENABLE_CAP returned {result.EnableCapResult} (-EINVAL)",
            BringUpOutcome.Connected => $"{PathText(result.Hypercall)}, VMBus host answered, connected",
            BringUpOutcome.UndefinedOpcode => "#UD in L2",
            _ => $"{PathText(result.Hypercall)}, vmbus never connects (bugcheck 0x7B)",
        };
        string verdict = result.Passed ? "PASS" : "FAIL";
        string expected = result.Passed ? "" : $" [expected {result.Scenario.Expected}]";
        return $"{verdict} {result.Scenario.Name}: {what}; {result.Counters.Transitions} transitions{expected}";
    }

    private static string PathText(L2HypercallResult hypercall) => hypercall.Path switch
    {
        L2HypercallPath.Relayed => "relayed by L0",
        L2HypercallPath.Reflected => hypercall.Outcome == HypercallOutcome.NotHyperV
            ? "reflected to L1, dropped"
            : "reflected to L1, forwarded to L0",
        L2HypercallPath.HandledInL0 => "handled in L0",
        _ => hypercall.Route == ExitRoute.InjectUdIntoL2 ? "#UD in L2" : "failed",
    };
}
