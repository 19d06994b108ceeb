using System.Text.Json;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Commands;

/// <summary>
/// Minimal reading and writing of results envelopes (camelCase System.Text.Json) for the
/// compare, history, cover-letter and ab verbs. Stand-in for <c>Results/ResultsStore</c>:
/// replace the calls to this class with the store at merge time.
/// </summary>
internal static class EnvelopeFiles
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        WriteIndented = true,
    };

    /// <summary>Reads one envelope; any problem is one line naming the file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid results envelope.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ResultsEnvelope Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        ResultsEnvelope? envelope;
        try
        {
            using FileStream stream = File.OpenRead(path);
            envelope = JsonSerializer.Deserialize<ResultsEnvelope>(stream, Options);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            string what = IsWellFormedJson(path) ? $"bad value for {e.Path}" : "invalid or truncated JSON";
            throw new InvalidDataException($"{path}: not a valid results file ({what}{where})", e);
        }

        if (envelope is null)
        {
            throw new InvalidDataException($"{path}: not a valid results file (empty)");
        }

        Validate(path, envelope);
        return envelope;
    }

    /// <summary>Reads every <c>*.json</c> file of a folder, in file-name order.</summary>
    public static IReadOnlyList<ResultsEnvelope> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such folder");
        }

        string[] files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        var envelopes = new List<ResultsEnvelope>(files.Length);
        foreach (string file in files)
        {
            envelopes.Add(Load(file));
        }

        return envelopes;
    }

    /// <summary>Writes an envelope (used by tests and by tools that produce envelopes).</summary>
    public static void Save(string path, ResultsEnvelope envelope)
    {
        using FileStream stream = File.Create(path);
        JsonSerializer.Serialize(stream, envelope, Options);
    }

    // Tells a broken or cut-off file from well-formed JSON with a wrong field, for the message.
    private static bool IsWellFormedJson(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void Validate(string path, ResultsEnvelope envelope)
    {
        if (envelope.SchemaVersion < 1)
        {
            throw new InvalidDataException($"{path}: not a valid results file (schemaVersion {envelope.SchemaVersion})");
        }

        if (envelope.SchemaVersion > ResultsEnvelope.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{path}: schema version {envelope.SchemaVersion} is newer than this tool reads ({ResultsEnvelope.CurrentSchemaVersion})");
        }

        for (int i = 0; i < envelope.Benchmarks.Count; i++)
        {
            BenchmarkResult? b = envelope.Benchmarks[i];
            if (b is null || string.IsNullOrWhiteSpace(b.Id))
            {
                throw new InvalidDataException($"{path}: not a valid results file (benchmark {i} has no id)");
            }

            foreach (double sample in b.SamplesNs)
            {
                if (!double.IsFinite(sample) || sample < 0)
                {
                    throw new InvalidDataException($"{path}: not a valid results file (benchmark {b.Id} has a negative sample)");
                }
            }
        }
    }
}
