namespace NestedVirt.Harness.Fleet;

/// <summary>What <c>publish</c> did.</summary>
/// <param name="Published">Results files added to the branch, as branch paths.</param>
/// <param name="AlreadyThere">Local files the branch already held, byte for byte.</param>
/// <param name="Conflicts">Branch paths holding different bytes than the local file of the same name (left as they were).</param>
/// <param name="Commit">The commit pushed, or null when nothing was new.</param>
/// <param name="Attempts">Pushes tried; more than one means another machine pushed first.</param>
public sealed record PublishReport(
    IReadOnlyList<string> Published, int AlreadyThere, IReadOnlyList<string> Conflicts, string? Commit, int Attempts);
