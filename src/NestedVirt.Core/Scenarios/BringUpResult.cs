using NestedVirt.Counters;
using NestedVirt.Topology;

namespace NestedVirt.Scenarios;

/// <summary>What running a <see cref="BringUpScenario"/> produced.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Hypercall">The InitiateContact hypercall's result (default when the capability was refused and nothing ran).</param>
/// <param name="EnableCapResult">KVM_ENABLE_CAP's return value.</param>
/// <param name="Counters">Events of the hypercall's path.</param>
public sealed record BringUpResult(BringUpScenario Scenario, BringUpOutcome Outcome, L2HypercallResult Hypercall,
    int EnableCapResult, PathCounters Counters)
{
    /// <summary>The outcome matches the proposal's prediction.</summary>
    public bool Passed => Outcome == Scenario.Expected;
}
