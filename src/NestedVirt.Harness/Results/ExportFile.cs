using System.Text.Json;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Results;

/// <summary>
/// Writes an export (a report other tools read) whole or not at all: the bytes go to a hidden
/// temporary file in the destination folder, which then replaces the destination. An earlier
/// export of the same name is replaced; a results file never is.
/// </summary>
public static class ExportFile
{
    /// <summary>Writes <paramref name="path"/>.</summary>
    /// <param name="path">The destination file; its folder is created.</param>
    /// <param name="write">Writes the content; must not close the stream.</param>
    /// <exception cref="HarnessException">The destination is a results file, or it cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new HarnessException($"'{path}' is a folder; give a file name");
        }

        if (IsResultsFile(full))
        {
            throw new HarnessException($"'{path}' is a results file; an export never overwrites one");
        }

        string folder = Path.GetDirectoryName(full)!;
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}{ResultsFileName.TemporaryMarker}{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new HarnessException($"cannot write '{path}': {e.Message}", innerException: e);
        }
    }

    // A stored run is a JSON object with the envelope's schema version and benchmarks.
    private static bool IsResultsFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaVersion", out _)
                && document.RootElement.TryGetProperty("benchmarks", out _);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the name is hidden and marked temporary, so readers skip it.
        }
    }
}
