using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>Everything the probe learned about the machine at one moment.</summary>
/// <param name="Id">The stable machine id (see <see cref="MachineId"/>).</param>
/// <param name="Info">Fixed facts.</param>
/// <param name="State">Tuning state now.</param>
public sealed record MachineSnapshot(string Id, MachineInfo Info, MachineState State);
