namespace NestedVirt.Harness.Fleet;

/// <summary>What <c>import</c> did.</summary>
/// <param name="Imported">Files copied in under their own names.</param>
/// <param name="AlreadyPresent">Files the results folder already held, byte for byte.</param>
/// <param name="Renamed">Files whose name was taken by other bytes, copied in under the next free name (both kept).</param>
/// <param name="Rejected">One-line reasons for files that are not valid results (nothing copied for them).</param>
public sealed record ImportReport(int Imported, int AlreadyPresent, int Renamed, IReadOnlyList<string> Rejected);
