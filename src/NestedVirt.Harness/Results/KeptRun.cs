namespace NestedVirt.Harness.Results;

/// <summary>Where <see cref="ResultsKeeper.Keep"/> put a run.</summary>
/// <param name="Path">The file written, or null when no folder took it.</param>
/// <param name="Failure">Why the results folder did not take it (one line), or null when it did.</param>
public sealed record KeptRun(string? Path, string? Failure)
{
    /// <summary>True when the run is where it belongs.</summary>
    public bool Stored => Path is not null && Failure is null;
}
