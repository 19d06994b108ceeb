using NestedVirt.L0;
using NestedVirt.Counters;
using NestedVirt.Hypercalls;
using NestedVirt.Scenarios;
using NestedVirt.Tests.Topology;
using NestedVirt.Topology;
using NestedVirt.VmBus;

namespace NestedVirt.Tests.Scenarios;

/// <summary>
/// The selftest the relay proposal promised: scenarios (a) to (f) and the extras of
/// <see cref="VmbusBringUp.All"/>. Where a test needs the VMBus host, it repeats the scenario's
/// steps on a stack it keeps and checks that they match <see cref="VmbusBringUp.Run"/> exactly.
/// </summary>
public class VmbusBringUpTests
{
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (BringUpScenario scenario in VmbusBringUp.All)
            names.Add(scenario.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryScenarioEndsAsTheProposalPredicts(string name)
    {
        BringUpScenario scenario = Find(name);

        BringUpResult result = VmbusBringUp.Run(scenario);

        Assert.Equal(scenario.Expected, result.Outcome);
        Assert.True(result.Passed);
        Assert.StartsWith($"PASS {name}: ", VmbusBringUp.Describe(result), StringComparison.Ordinal);
    }

    public static TheoryData<string, BringUpOutcome> Predictions() => Compiled(new TheoryData<string, BringUpOutcome>
    {
        { "vmx-no-capability", BringUpOutcome.NeverConnects },
        { "vmx-relay", BringUpOutcome.Connected },
        { "vmx-gate-closed", BringUpOutcome.NeverConnects },
        { "unknown-capability-bits", BringUpOutcome.CapabilityRefused },
        { "svm-no-capability", BringUpOutcome.NeverConnects },
        { "svm-relay", BringUpOutcome.Connected },
        { "svm-gate-closed", BringUpOutcome.NeverConnects },
        { "signal-event-only", BringUpOutcome.NeverConnects },
        { "vmx-l1-forwards", BringUpOutcome.Connected },
        { "svm-relay-no-nrips", BringUpOutcome.Connected },
    });

    [Theory]
    [MemberData(nameof(Predictions))]
    public void ScenarioTableHoldsTheSpecsPredictions(string name, BringUpOutcome expected)
    {
        // Model 02 §8 and the RFC's design: relay + gate connects; without either the root's post
        // is reflected to an L1 that drops it (bugcheck 0x7B); an unknown mask bit is -EINVAL.
        Assert.Equal(expected, Find(name).Expected);
    }

    [Fact]
    public void ScenarioNamesAreUniqueAndFoundIgnoringCase()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (BringUpScenario scenario in VmbusBringUp.All)
        {
            Assert.True(seen.Add(scenario.Name), scenario.Name);
            Assert.Same(scenario, VmbusBringUp.Find(scenario.Name.ToUpperInvariant()));
        }
        Assert.Null(VmbusBringUp.Find("no-such-scenario"));
    }

#if INTEL_VMX
    [Fact]
    public void B_VmxRelayConnectsAtVersion5WithOneUserspaceRoundTripAndTwoTransitions()
    {
        (NestedTopology stack, L2HypercallResult hypercall, PathCounters counters) = Replay("vmx-relay");

        Assert.Equal(L2HypercallPath.Relayed, hypercall.Path);
        Assert.Equal(HvStatus.Success, hypercall.Status);
        Assert.True(stack.VmBus.IsConnected);
        Assert.Equal(VmBusVersion.Make(5, 0), stack.VmBus.NegotiatedVersion);
        Assert.Equal(1, stack.VmBus.GetMessageCount(VmBusConstants.MessageConnectionId4));
        Assert.Equal(1, counters.UserspaceRoundTrips);
        // The L2->L0 exit and L0's entry back into L2; L1 never runs.
        Assert.Equal(2, counters.Transitions);
        Assert.Equal(0, counters.L0ToL1Entries);
        Assert.Equal(0, counters.L1ToL0Exits);
    }
#endif

    public static TheoryData<string> Reflected()
    {
        var names = new TheoryData<string>();
        AddIfCompiled(names, "vmx-no-capability");  // (a)
        AddIfCompiled(names, "vmx-gate-closed");  // (c)
        AddIfCompiled(names, "svm-no-capability");  // (e) SVM (a)
        AddIfCompiled(names, "svm-gate-closed");  // (e) SVM (c)
        AddIfCompiled(names, "signal-event-only");  // (f)
        return names;
    }

    [Theory]
    [MemberData(nameof(Reflected))]
    public void ReflectedScenariosNeverReachTheVmbusHost(string name)
    {
        (NestedTopology stack, L2HypercallResult hypercall, PathCounters counters) = Replay(name);

        Assert.Equal(L2HypercallPath.Reflected, hypercall.Path);
        Assert.Equal(0, Stack.HostMessages(stack));
        Assert.Equal(0, stack.VmBus.ResponseCount);
        Assert.Equal(0, counters.UserspaceRoundTrips);
        Assert.False(stack.VmBus.IsConnected);
    }

#if INTEL_VMX
    [Fact]
    public void D_UnknownCapabilityBitsAreEinval()
    {
        BringUpResult result = VmbusBringUp.Run(Find("unknown-capability-bits"));

        Assert.Equal(BringUpOutcome.CapabilityRefused, result.Outcome);
        Assert.Equal(-22, result.EnableCapResult);
        Assert.Equal(default, result.Hypercall);
        Assert.Equal(0, result.Counters.Transitions);
        Assert.Contains("-22", VmbusBringUp.Describe(result), StringComparison.Ordinal);
    }
#endif

#if AMD_SVM
    [Fact]
    public void SvmRelayWithoutNripsConnectsAfterDecodingTheVmmcall()
    {
        (NestedTopology stack, L2HypercallResult hypercall, PathCounters counters) = Replay("svm-relay-no-nrips");

        Assert.Equal(L2HypercallPath.Relayed, hypercall.Path);
        Assert.True(stack.VmBus.IsConnected);
        // One 2-D fetch walk for the instruction plus the 1-D walk of the input GPA.
        Assert.Equal(2, counters.Walks);
        Assert.Equal(2, counters.Transitions);
    }
#endif

#if INTEL_VMX
    [Fact]
    public void L1ThatForwardsConnectsAtTheCostOfAnL1Exit()
    {
        (NestedTopology stack, L2HypercallResult hypercall, PathCounters counters) = Replay("vmx-l1-forwards");

        Assert.Equal(L2HypercallPath.Reflected, hypercall.Path);
        Assert.True(stack.VmBus.IsConnected);
        Assert.Equal(1, counters.UserspaceRoundTrips);
        Assert.Equal(0, counters.Walks); // L1 translates with its own tables; L0 walks nothing
    }
#endif

    // Scenario names carry their vendor: svm-* run on SVM, every other one on VMX.
    private static bool VendorCompiled(string name) => name.StartsWith("svm-", StringComparison.Ordinal) ? NestedVirtBuild.Svm : NestedVirtBuild.Vmx;

    private static void AddIfCompiled(TheoryData<string> names, string name)
    {
        if (VendorCompiled(name))
            names.Add(name);
    }

    private static TheoryData<string, BringUpOutcome> Compiled(TheoryData<string, BringUpOutcome> all)
    {
        var kept = new TheoryData<string, BringUpOutcome>();
        foreach (object[] row in all)
        {
            if (VendorCompiled((string)row[0]))
                kept.Add((string)row[0], (BringUpOutcome)row[1]);
        }
        return kept;
    }

    private static BringUpScenario Find(string name) =>
        VmbusBringUp.Find(name) ?? throw new InvalidOperationException($"no scenario {name}");

    /// <summary>The scenario's steps on a stack this test keeps, checked against <see cref="VmbusBringUp.Run"/>.</summary>
    private static (NestedTopology, L2HypercallResult, PathCounters) Replay(string name)
    {
        BringUpScenario scenario = Find(name);
        BringUpResult run = VmbusBringUp.Run(scenario);

        var stack = NestedTopology.Create(scenario.Options);
        Assert.Equal(0, stack.EnableCapResult);
        HypercallRegisters regs = Stack.InitiateContact(stack);
        var counters = default(PathCounters);
        L2HypercallResult hypercall = stack.HandleL2Hypercall(ref regs, ref counters);

        Assert.Equal(run.Hypercall, hypercall);
        Assert.Equal(run.Counters, counters);
        return (stack, hypercall, counters);
    }
}
