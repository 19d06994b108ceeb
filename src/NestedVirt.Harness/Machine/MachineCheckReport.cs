using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>The <c>check-machine --format json</c> document.</summary>
/// <param name="MachineId">The stable machine id.</param>
/// <param name="Machine">Fixed facts.</param>
/// <param name="State">Tuning state.</param>
/// <param name="Checks">Every check, in report order.</param>
/// <param name="Warnings">How many checks warned.</param>
/// <param name="Tuned">True when no check warned.</param>
public sealed record MachineCheckReport(
    string MachineId, MachineInfo Machine, MachineState State, IReadOnlyList<MachineCheck> Checks, int Warnings, bool Tuned);
