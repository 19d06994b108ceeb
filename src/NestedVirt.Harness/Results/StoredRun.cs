namespace NestedVirt.Harness.Results;

/// <summary>One results file on disk and its content.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Envelope">The loaded envelope.</param>
public sealed record StoredRun(string Path, ResultsEnvelope Envelope)
{
    /// <summary>The run's id: its file name without <c>.json</c>.</summary>
    public string Id => System.IO.Path.GetFileNameWithoutExtension(Path);
}
