using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Gate;

/// <summary>
/// Reads and writes the gate's baseline file. Writing is atomic (<see cref="AtomicFileWriter.Replace"/>:
/// a hidden temporary file in the same folder, flushed, then renamed over the old file), so a
/// reader, a crash or a signal sees the old file or the new one, never half of one, and no
/// temporary file stays behind.
/// </summary>
public static class GateBaselineFile
{
    /// <summary>The default location, relative to the repository root.</summary>
    public static readonly string DefaultRelativePath = Path.Combine("results", "baseline", "ci-baseline.json");

    /// <summary>Loads a baseline.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="HarnessException">Missing, unreadable, not shaped like a baseline (a results file, say), corrupt, or another schema version.</exception>
    public static GateBaseline Load(string path)
    {
        BoundedRead read = BoundedFile.Read(path);
        switch (read.Status)
        {
            case BoundedReadStatus.Missing:
                throw new HarnessException($"baseline '{path}' does not exist");
            case BoundedReadStatus.Folder:
                throw new HarnessException($"'{path}' is a folder, not a gate baseline (the baseline is {DefaultRelativePath})");
            case BoundedReadStatus.TooLarge:
                throw new HarnessException($"'{path}' is larger than {BoundedFile.Describe(BoundedFile.DefaultLimitBytes)}: not a gate baseline");
            case BoundedReadStatus.Unreadable:
                throw new HarnessException($"cannot read baseline '{path}': {read.Error}");
        }

        if (GateBaselineShape.Problem(read.Bytes) is { } problem)
        {
            throw new HarnessException($"'{path}' is {problem} (the baseline is {DefaultRelativePath})");
        }

        GateBaseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<GateBaseline>(read.Bytes, ResultsJson.Options);
        }
        catch (JsonException ex)
        {
            throw new HarnessException($"baseline '{path}' is not valid: {ex.Message}", innerException: ex);
        }

        if (baseline is null)
        {
            throw new HarnessException($"baseline '{path}' holds null");
        }

        if (baseline.SchemaVersion != GateBaseline.CurrentSchemaVersion)
        {
            throw new HarnessException($"baseline '{path}' has schema version {baseline.SchemaVersion}; this nvbench reads {GateBaseline.CurrentSchemaVersion}");
        }

        // Ids written before benchmarks had names (Suite.Method(Name=Value, ...)) read as names.
        foreach (string id in baseline.Counters.Keys.ToArray())
        {
            string name = BenchmarkName.UpgradeId(id);
            if (name != id)
            {
                baseline.Counters[name] = baseline.Counters[id];
                baseline.Counters.Remove(id);
            }
        }

        return baseline;
    }

    /// <summary>
    /// Refuses, before any measuring, to let <see cref="Save(string, GateBaseline)"/> replace
    /// something that is not a gate baseline: a results file, any other file, or a folder. A
    /// missing file is fine (it is created).
    /// </summary>
    /// <param name="path">Where the baseline would be written.</param>
    /// <exception cref="HarnessException">Naming the path and what it is instead.</exception>
    public static void CheckReplaceable(string path)
    {
        BoundedRead read = BoundedFile.Read(path);
        string? problem = read.Status switch
        {
            BoundedReadStatus.Missing => null,
            BoundedReadStatus.Folder => "a folder, not a gate baseline",
            BoundedReadStatus.TooLarge => $"larger than {BoundedFile.Describe(BoundedFile.DefaultLimitBytes)}, not a gate baseline",
            BoundedReadStatus.Unreadable => $"unreadable ({read.Error})",
            _ => GateBaselineShape.Problem(read.Bytes),
        };
        if (problem is not null)
        {
            throw new HarnessException($"refusing to replace '{path}': it is {problem}; --update writes only gate baselines (default {DefaultRelativePath})");
        }
    }

    /// <summary>Writes <paramref name="baseline"/> to <paramref name="path"/> atomically, replacing an old baseline (never any other file: see <see cref="CheckReplaceable"/>).</summary>
    /// <param name="path">The file; its folder is created when missing.</param>
    /// <param name="baseline">The content.</param>
    /// <exception cref="HarnessException">The path holds something other than a baseline, or the folder or file cannot be written (the old file is then untouched).</exception>
    public static void Save(string path, GateBaseline baseline) => Save(path, baseline, null);

    /// <summary>As <see cref="Save(string, GateBaseline)"/>, with a stream wrapper so tests can fail the write midway.</summary>
    internal static void Save(string path, GateBaseline baseline, Func<Stream, Stream>? wrapStream)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        CheckReplaceable(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFileWriter.Replace(path, stream => ResultsJson.Serialize(baseline, stream), wrapStream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot write baseline '{path}': {ex.Message}", innerException: ex);
        }
    }
}
