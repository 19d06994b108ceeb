namespace NestedVirt.Scenarios;

/// <summary>
/// One scenario of <c>nvbench scenario</c>: a stable name, what it shows, and a run that checks
/// the outcome the proposals predict. <see cref="ScenarioCatalog"/> lists the ones this build has.
/// </summary>
public interface IScenario
{
    /// <summary>Stable name for the command line, e.g. <c>vmx-relay</c>.</summary>
    string Name { get; }

    /// <summary>One line on what the scenario shows.</summary>
    string Description { get; }

    /// <summary>Runs the scenario on a fresh stack and reports whether it ended as predicted.</summary>
    ScenarioReport Run();
}
