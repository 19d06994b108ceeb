using System.Security.Cryptography;
using System.Text.Json;
using NestedVirt.Harness.Cli;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Index;

/// <summary>
/// Reads one results file for the index with the same checks as every other reader
/// (<see cref="ResultsStore.Load"/>), but leaves BenchmarkDotNet's reports packed: the index
/// never holds them. Fields this nvbench does not know are kept in the header and body JSON, so
/// an envelope from the index is the envelope of the file.
/// </summary>
internal static class RunParser
{
    private static readonly HashSet<string> NotInHeader =
        new(StringComparer.Ordinal) { "benchmarks", PackedReports.PlainFieldName, PackedReports.FieldName };

    private static readonly HashSet<string> NotInBody = new(StringComparer.Ordinal) { "samplesNs", "medianNs", "meanNs" };

    /// <summary>Parses a file; a corrupt one gives a run with <see cref="ParsedRun.Error"/> set.</summary>
    /// <param name="resultsRoot">The results folder.</param>
    /// <param name="file">The file under it.</param>
    public static ParsedRun Parse(string resultsRoot, IndexedFile file)
    {
        string path = Path.Combine(resultsRoot, file.RelativePath);
        string sha = "";
        try
        {
            sha = Hash(path);
            return ResultsReader.Read(path, unpackReports: false, (root, envelope) => new ParsedRun
            {
                File = file,
                Sha256 = sha,
                Envelope = envelope,
                HeaderJson = Without(root, NotInHeader),
                BodyJson = Bodies(root),
            });
        }
        catch (HarnessException ex)
        {
            return new ParsedRun { File = file, Sha256 = sha, Error = HarnessException.OneLine(ex.Message) };
        }
    }

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="HarnessException">The file cannot be read.</exception>
    public static string Hash(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HarnessException($"cannot read results file '{path}': {ex.Message}", innerException: ex);
        }
    }

    private static List<string> Bodies(JsonElement root)
    {
        var bodies = new List<string>();
        foreach (JsonElement benchmark in root.GetProperty("benchmarks").EnumerateArray())
        {
            bodies.Add(Without(benchmark, NotInBody));
        }

        return bodies;
    }

    private static string Without(JsonElement obj, HashSet<string> excluded)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                if (!excluded.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return ResultsJson.Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
