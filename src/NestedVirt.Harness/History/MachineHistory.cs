using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.History;

/// <summary>One machine's history with the facts that label it in a cross-machine view.</summary>
/// <param name="Machine">The machine's fixed facts, from its latest run.</param>
/// <param name="Report">Its history, analysed on its own.</param>
public sealed record MachineHistory(MachineInfo Machine, HistoryReport Report);
