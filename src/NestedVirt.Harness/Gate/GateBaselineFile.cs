using System.Security.Cryptography;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Gate;

/// <summary>
/// Reads and writes the gate's baseline file. Writing is atomic: the JSON goes to a hidden
/// temporary file in the same folder, is flushed to disk, and is then renamed over the old file
/// (rename(2) replaces atomically), so a reader or a crash sees the old file or the new one,
/// never half of one.
/// </summary>
public static class GateBaselineFile
{
    /// <summary>The default location, relative to the repository root.</summary>
    public static readonly string DefaultRelativePath = Path.Combine("results", "baseline", "ci-baseline.json");

    /// <summary>Loads a baseline.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="HarnessException">Missing, unreadable, corrupt, or another schema version.</exception>
    public static GateBaseline Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new HarnessException($"baseline '{path}' does not exist", innerException: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot read baseline '{path}': {ex.Message}", innerException: ex);
        }

        GateBaseline? baseline;
        try
        {
            baseline = ResultsJson.Deserialize<GateBaseline>(text);
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

    /// <summary>Writes <paramref name="baseline"/> to <paramref name="path"/> atomically, replacing any old file.</summary>
    /// <param name="path">The file; its folder is created when missing.</param>
    /// <param name="baseline">The content.</param>
    /// <exception cref="HarnessException">The folder or file cannot be written (the old file is then untouched).</exception>
    public static void Save(string path, GateBaseline baseline) => Save(path, baseline, null);

    /// <summary>As <see cref="Save(string, GateBaseline)"/>, with a stream wrapper so tests can fail the write midway.</summary>
    internal static void Save(string path, GateBaseline baseline, Func<Stream, Stream>? wrapStream)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}{ResultsFileName.TemporaryMarker}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Stream target = wrapStream?.Invoke(file) ?? file;
                ResultsJson.Serialize(baseline, target);
                target.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new HarnessException($"cannot write baseline '{path}': {ex.Message}", innerException: ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A hidden ".tmp-" file left behind is harmless and never read.
        }
    }
}
