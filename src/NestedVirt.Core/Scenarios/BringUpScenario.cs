using NestedVirt.Topology;

namespace NestedVirt.Scenarios;

/// <summary>One scenario: a name for the command line, what it shows, the stack, and the expected end.</summary>
/// <param name="Name">Stable name, e.g. <c>vmx-relay</c>.</param>
/// <param name="Description">One line on what the scenario shows.</param>
/// <param name="Options">The stack to build.</param>
/// <param name="Expected">The outcome the proposal predicts.</param>
public sealed record BringUpScenario(string Name, string Description, TopologyOptions Options, BringUpOutcome Expected) : IScenario
{
    /// <inheritdoc/>
    public ScenarioReport Run()
    {
        BringUpResult result = VmbusBringUp.Run(this);
        return new ScenarioReport(result.Passed, VmbusBringUp.Describe(result));
    }
}
