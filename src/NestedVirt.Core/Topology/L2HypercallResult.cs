using NestedVirt.Exits;
using NestedVirt.Hypercalls;

namespace NestedVirt.Topology;

/// <summary>Outcome of one L2 hypercall exit handled to completion.</summary>
/// <param name="Path">Which way it went.</param>
/// <param name="Route">The router's decision.</param>
/// <param name="Status">The HV status L2 finds in RAX (meaningful unless <see cref="Path"/> is UndefinedOpcode or Failed).</param>
/// <param name="Outcome">How L0's Hyper-V handler completed it, when it ran.</param>
public readonly record struct L2HypercallResult(L2HypercallPath Path, ExitRoute Route, HvStatus Status, HypercallOutcome Outcome);
