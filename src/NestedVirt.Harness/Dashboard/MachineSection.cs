using NestedVirt.Harness.History;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Dashboard;

/// <summary>Everything the dashboard shows for one machine.</summary>
/// <param name="MachineId">The machine.</param>
/// <param name="Latest">Its latest clean run (tables and the machine line come from it).</param>
/// <param name="History">Its history over the commits shown.</param>
/// <param name="Charts">One SVG per suite, by suite.</param>
/// <param name="Shifts">Confirmed shifts with their links, by suite.</param>
public sealed record MachineSection(
    string MachineId,
    ResultsEnvelope Latest,
    HistoryReport History,
    IReadOnlyList<(string Suite, string Svg)> Charts,
    IReadOnlyDictionary<string, List<ChangePointLink>> Shifts);
