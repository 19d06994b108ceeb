namespace NestedVirt.Scenarios;

/// <summary>What a scenario run reports.</summary>
/// <param name="Passed">The outcome matches the prediction.</param>
/// <param name="Line">One line for a person: <c>PASS name: what happened</c> (or FAIL).</param>
public sealed record ScenarioReport(bool Passed, string Line);
